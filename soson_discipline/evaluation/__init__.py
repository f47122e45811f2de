"""Services of the monthly evaluation, between the Cadre Evaluation / Evaluation Period DocTypes and
the pure `soson_discipline.scoring` package:

- `inputs`: the policy in force, its criteria, and the task and violation figures of cadres (batched);
- `compute`: filling an evaluation's numbers from `scoring.evaluate` (the one place they are set);
- `generation`: opening a period and creating its evaluations in bulk;
- `cycle`: due dates, step reminders, refreshing evaluations, advancing and finalizing periods.
"""
