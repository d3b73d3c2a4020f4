"""Prestations, situations, monthly sheets and défraiements."""
