"""A small test organisation shared by the foundation tests (names start with "_T" to stay apart
from demo data):

    _T City Committee (Party Committee)
    ├── _T Commune A (Party Committee)      head: _t.heada@example.com (Unit Head)
    │   ├── _T Board A (Party Board)        cadres: _t.cadrea1 (Cadre, rated by heada), _t.cadrea2
    └── _T Commune B (Party Committee)      head: _t.headb@example.com (Unit Head)
        └── _T Board B (Party Board)        cadre: _t.cadreb1
    _T Old District (ended 2025-06-30)
"""

from soson_discipline.tests.utils import make_cadre, make_unit, make_user

ADMIN = "_t.admin@example.com"
STANDING = "_t.standing@example.com"
HEAD_A = "_t.heada@example.com"
HEAD_B = "_t.headb@example.com"
CADRE_A1 = "_t.cadrea1@example.com"
CADRE_A2 = "_t.cadrea2@example.com"
CADRE_B1 = "_t.cadreb1@example.com"
NO_CADRE = "_t.nocadre@example.com"


def make_test_organisation() -> dict:
	"""Create (idempotently) the tree and cadres above; returns their names by key."""
	o = {}
	o["city"] = make_unit("_T City Committee", abbreviation="TTU")
	o["commune_a"] = make_unit("_T Commune A", parent=o["city"], abbreviation="TA")
	o["board_a"] = make_unit("_T Board A", parent=o["commune_a"], abbreviation="TBA", unit_kind="Party Board")
	o["commune_b"] = make_unit("_T Commune B", parent=o["city"], abbreviation="TB")
	o["board_b"] = make_unit("_T Board B", parent=o["commune_b"], abbreviation="TBB", unit_kind="Party Board")
	o["old_district"] = make_unit(
		"_T Old District",
		parent=o["city"],
		abbreviation="TOD",
		valid_from="2000-01-01",
		valid_to="2025-06-30",
	)

	make_user(ADMIN, ["Discipline Administrator"])
	o["standing"] = make_cadre(
		"_T Standing Member", o["city"], user=STANDING, roles=["Standing Committee", "Cadre"]
	)
	o["head_a"] = make_cadre("_T Head A", o["commune_a"], user=HEAD_A, roles=["Unit Head", "Rater", "Cadre"])
	o["head_b"] = make_cadre("_T Head B", o["commune_b"], user=HEAD_B, roles=["Unit Head", "Rater", "Cadre"])
	o["cadre_a1"] = make_cadre("_T Cadre A1", o["board_a"], user=CADRE_A1, roles=["Cadre"], rater=o["head_a"])
	o["cadre_a2"] = make_cadre("_T Cadre A2", o["board_a"], user=CADRE_A2, roles=["Cadre"], rater=o["head_a"])
	o["cadre_b1"] = make_cadre("_T Cadre B1", o["board_b"], user=CADRE_B1, roles=["Cadre"], rater=o["head_b"])
	make_user(NO_CADRE, ["Cadre"])
	return o
