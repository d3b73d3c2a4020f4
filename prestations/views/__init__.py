"""Pages of the prestations app, one module per side.

- `prestation.py`: the prestation side (the relais' outings, situations, orientations;
  coordination's lists);
- `fiche.py`: the fiche side (the relais' month, coordination's overview, the
  nominative list and the legal parameters);
- `payment.py`: direction's payments (list, files, marking a SEPA file paid);
- `history.py`: the history tabs (who changed what, when, old → new).
- `regime.py`: a relais' yearly défraiement regime, posted from the relais file.
- `agreement.py`: a relais' volunteer agreement as a PDF, from the relais file.
"""
