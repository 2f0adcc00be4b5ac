"""Påfyll: follow a list, see what is new at /pafyll/, and get it in a weekly e-mail."""
