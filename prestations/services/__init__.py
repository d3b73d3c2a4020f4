"""Operations of the prestations app, one module per part (views, the admin, the
demo and commands call these).

- `prestation.py`: prestations, situations and orientations (the field side);
- `fiche.py`: the monthly sheets' state machine and their stored PDF;
- `sepa.py`: the SEPA credit transfer file.
"""
