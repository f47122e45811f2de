# Needed by `bench run-parallel-tests`, which reads `soson_discipline.tests.global_test_dependencies`.
global_test_dependencies = []
