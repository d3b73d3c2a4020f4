"""Pages of the prestations app, one module per side.

- `prestation.py`: the prestation side (the relais' outings, situations, orientations;
  coordination's lists);
- `fiche.py`: the fiche side (the relais' month, coordination's overview, direction's
  payments, the nominative list and the legal parameters);
- `regime.py`: a relais' yearly défraiement regime, posted from the relais file.
"""
