"""Carers, services: invites, links, alerts, the missed-dose ladder and the checks that keep patients apart."""
