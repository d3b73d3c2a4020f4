"""Forms of the prestations app, one module per side.

- `prestation.py`: the phone flow and coordination's filters (the prestation side);
- `fiche.py`: expense claims, transitions and the legal parameters (the fiche side).
"""
