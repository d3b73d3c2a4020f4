"""Activity pages, one module per audience and task:

- `agenda`: the coordination's agenda (month, week) and the printable programme;
- `planning`: planning activities and series, their roster, cancelling;
- `places`: contact points and the triporteur's stops;
- `schedule`: the relais on the phone (schedule, open places, withdrawing);
- `frequentation`: the counted fréquentation of an activity;
- `feeds`: calendar feed addresses and the iCal feeds.
"""
