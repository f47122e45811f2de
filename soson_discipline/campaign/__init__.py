"""Services of the campaign: plans issued into tasks, task rules and the daily task jobs."""
