"""The relais file: coordination pages (desktop) and the relais' own pages (phone).

- `relais_file.py`: the list and the file of each relais, documents, GDPR;
- `legal.py`: agreements, regimes, note, benefit gates, note versions, insurance;
- `formation.py`: trainings and intervisions;
- `journal.py`: the coordination's journal of a relais (dated conversations);
- `own.py`: the relais' own pages.
"""
