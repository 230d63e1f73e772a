"""Rumah Kreatif UKM Blora: turn one YAML file per UKM into a showroom site."""
