"""Services of violation handling: evidence privacy, corrective actions and their reminders, and the
cadre search of the violation forms."""
