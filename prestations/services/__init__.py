"""Operations of the prestations app, one module per part (views, the admin, the
demo and commands call these; reads live on the models' QuerySets).

- `prestation.py`: prestations, situations and orientations (the prestation side);
- `legal.py`: the volunteer-law figures for a date (ceilings, car rate, caps) and
  the organisation's défraiement settings;
- `defraiement.py`: the rules on one défraiement line, adding and deleting lines;
- `fiche.py`: the monthly fiches' state machine, summary and stored PDF;
- `payment.py`: paying validated fiches (beside `sepa.py`, the SEPA file);
- `agreement.py`: the volunteer agreement PDF (organisation, relais, regime);
- `exports.py`: the sheets of the payments, nominative list and prestations exports
  (written by tisseurs/exports).
"""
