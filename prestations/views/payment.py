"""Direction's payments of a month: the list, its CSV / XLSX / SEPA files, and
marking one produced SEPA file paid on the date the bank paid it."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from prestations.forms.fiche import PaymentDateForm
from prestations.models import PaymentFile
from prestations.services import exports, payment
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.downloads import download
from tisseurs.exports import sheet_file
from tisseurs.flash import flash_errors
from tisseurs.freshness.pages import cached_page
from tisseurs.months import month_nav
from tisseurs.params import month_param
from tisseurs.roles import DIRECTION, role_required


def _payments_url(month) -> str:
    return f"{reverse('prestations:payments')}?month={month:%Y-%m}"


def _payments_page(request, month, *, bound_file=None, bound_form=None):
    rows = payment.payments_for_month(month)
    audit_log(request, AuditKind.PAYMENTS_LIST, month=month, count=len(rows))
    files = list(PaymentFile.objects.in_month(month).select_related("paid_by"))
    for file in files:
        file.date_form = (
            bound_form
            if bound_file is not None and file.pk == bound_file.pk
            else PaymentDateForm(prefix=f"file{file.pk}")
        )
    return render(
        request,
        "prestations/fiche_payments.html",
        {
            "rows": rows,
            "total": sum((r.amount for r in rows), Decimal("0.00")),
            **month_nav(month),
            "to_pay": sum(1 for r in rows if r.fiche.is_validated),
            "missing_iban": sum(1 for r in rows if not r.iban),
            "latin_names_missing": [
                r
                for r in rows
                if r.fiche.is_validated and r.fiche.relais.needs_latin_name
            ],
            "payment_files": files,
        },
        status=400 if bound_form is not None else 200,
    )


@role_required(DIRECTION)
@cached_page
def payments(request):
    return _payments_page(request, month_param(request))


def _export_name(month, ext: str) -> str:
    return f"paiements-{month:%Y-%m}.{ext}"


def _payments_file(request, extension: str):
    month = month_param(request)
    sheet = exports.payments_sheet(month=month)
    audit_log(
        request,
        AuditKind.PAYMENT_FILE,
        month=month,
        format=extension,
        count=len(sheet.rows),
    )
    return download(
        sheet_file(sheet, extension=extension),
        filename=_export_name(month, extension),
    )


@role_required(DIRECTION)
def payments_csv(request):
    return _payments_file(request, "csv")


@role_required(DIRECTION)
def payments_xlsx(request):
    return _payments_file(request, "xlsx")


@role_required(DIRECTION)
def payments_sepa(request):
    month = month_param(request)
    try:
        payment_file = payment.payment_file_issue(month=month, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(_payments_url(month))
    audit_log(
        request,
        AuditKind.PAYMENT_FILE,
        month=month,
        format="sepa",
        msg_id=payment_file.msg_id,
    )
    return download(
        payment_file.xml.encode(),
        filename=f"paiements-{month:%Y-%m}-{payment_file.msg_id}.xml",
    )


@role_required(DIRECTION)
@require_POST
def payment_file_mark_paid(request, pk):
    """Mark the fiches of one produced SEPA file paid, on the date typed."""
    payment_file = get_object_or_404(PaymentFile, pk=pk)
    form = PaymentDateForm(request.POST, prefix=f"file{payment_file.pk}")
    if form.is_valid():
        try:
            count = payment.payment_file_mark_paid(
                payment_file=payment_file,
                paid_on=form.cleaned_data["paid_on"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d fiche marquée payée.",
                    "%(count)d fiches marquées payées.",
                    count,
                )
                % {"count": count},
            )
            return redirect(_payments_url(payment_file.month))
    return _payments_page(
        request, payment_file.month, bound_file=payment_file, bound_form=form
    )
