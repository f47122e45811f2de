"""Benchmark: the month-end rush — a district's cadres self-assess and their raters rate within hours.

Not a test, and not part of the Python package. Run it on a THROW-AWAY site that has `allow_tests` set
(it refuses any other), from the bench's `sites` folder, as the bench's user, with the bench's Python;
Redis must be running (as for `bench start`), and no other web server or worker need be:

    cd ~/frappe-bench/sites
    ../env/bin/python ../apps/soson_discipline/benchmarks/bench_rush.py --site rush.localhost

It serves the site as production does (the README's Scaling section): gunicorn with 4 workers × 2
threads (`--workers`, `--threads`) and one RQ worker on every queue, both started here and stopped at
the end. On the site it builds, once, a district of `--boards` boards of ten (a head who rates nine
cadres) under a Party committee whose head rates the board heads, every one a desk user made through
the app (the app grants the roles); each run deletes their evaluations of this month and creates them
again (`generate_evaluations`).

Then, over real HTTP, for each concurrency level (`--levels`, default 25, 50 and 100), with cadres no
earlier level used:
- **cadres**: N cadres, each as the desk does it: logs in, loads the desk (`/app`, which also
  gives the CSRF token), opens the month's evaluation (`getdoc`), saves the self-assessment as the
  form sends it (`savedocs`: every score row, a note on each) and takes the workflow step
  (`apply_workflow` "Self-Assess");
- **raters**: then the raters of those cadres, each logging in, loading the desk, and for each
  of his or her cadres opening the evaluation, saving the rater's scores and taking "Rate Evaluation".

Before the crowds, `SOLO` (10) cadres are served one after another with nobody else on the server:
what each request costs by itself (its time and the web server's CPU), the floor under any crowd.

People come as at a month-end: each arrives at a random moment within `--ramp` seconds (30) and
pauses between requests as a person reading and typing would (`THINK`, `RATER_THINK`, spread ±50 %,
scaled by `--pace`): far shorter pauses than a cadre weighing ten criteria needs, so the crowd is
denser than a real one. `--stress` drops the pauses and the ramp: everyone at once, each request
sent the moment the last one answers; it measures the capacity (requests per second) and how the
queue grows beyond it, not what people see.

It prints, per level and phase, p50 / p95 / max of each request kind, the throughput, the CPU seconds
of the web server, the RQ worker, MariaDB and the client, and the errors (any answer that is not
200); then the issue's targets: the p95 of a save and of a workflow step at most 1 s at 50 concurrent
users and 2 s at 100, and no server error. The jobs the build left in the queues (a new user's
contact and avatar) run before the crowd comes, so that it does not compete with them.
"""

import argparse
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import requests

PASSWORD = "Rush-27-month-end!"
EMAIL = "rush.{}@rush.example.com"
COMMITTEE = "RUSH Huyện ủy"
BOARD = "RUSH Ban {:02d}"
BOARD_SIZE = 10  # a head and nine cadres he rates
# A person's pauses, in seconds at pace 1 (each spread ±50 %): from the landing page to the form,
# filling the scores in, and reading the form over before the workflow step. Far shorter than a cadre
# needs to weigh ten criteria: the pace is harsher than a real month-end.
THINK = {"find": 5, "fill": 20, "confirm": 5}
# a rater reviews scores the cadre has entered, mostly agreeing
RATER_THINK = {"find": 2, "fill": 8, "confirm": 2}
# cadres served one after another before the crowds: what each request costs by itself
SOLO = 10
CSRF = re.compile(r"""csrf_token\s*=\s*["']([^"']+)["']""")


# --------------------------------------------------------------------------------------------------
# The district, built once through the app


def connect(site: str):
	import frappe

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	if not frappe.conf.allow_tests:
		sys.exit(f"{site} does not have allow_tests set: use a throw-away site.")
	frappe.set_user("Administrator")


def ensure(doctype: str, key: dict, values: dict) -> str:
	import frappe

	if name := frappe.db.get_value(doctype, key, "name"):
		return name
	doc = frappe.get_doc({"doctype": doctype, **key, **values})
	doc.insert(ignore_permissions=True)
	return doc.name


def person(key: str, full_name: str, unit: str, rater: str | None, is_leader: int = 0) -> tuple[str, str]:
	"""A cadre with a desk user (roles granted by the app). Returns (cadre, user)."""
	import frappe

	from soson_discipline.utils.users import without_signup_throttle

	email = EMAIL.format(key)
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"language": "vi",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		)
		user.flags.no_welcome_mail = True
		with without_signup_throttle():
			user.insert(ignore_permissions=True)
	cadre = ensure(
		"Cadre",
		{"user": email},
		{
			"full_name": full_name,
			"organization_unit": unit,
			"rater": rater,
			"is_leader": is_leader,
			"is_party_member": 1,
			"status": "Active",
			"date_joined": "2020-01-01",
		},
	)
	return cadre, email


def build(boards: int, log) -> dict:
	"""The district (once) and this month's evaluations (each run). Returns the plan of the run."""
	import frappe

	from soson_discipline.evaluation.generation import generate_evaluations, get_or_create_period

	started = time.perf_counter()
	committee = ensure(
		"Organization Unit",
		{"unit_name": COMMITTEE},
		{"abbreviation": "RHU", "unit_kind": "Party Committee", "is_group": 1, "valid_from": "2000-01-01"},
	)
	secretary, _user = person("secretary", "Bí thư Huyện ủy", committee, None, is_leader=1)
	frappe.db.set_value("Organization Unit", committee, "head_cadre", secretary)
	plan = {"boards": []}
	for b in range(1, boards + 1):
		unit = ensure(
			"Organization Unit",
			{"unit_name": BOARD.format(b)},
			{
				"abbreviation": f"RB{b:02d}",
				"unit_kind": "Party Board",
				"parent_organization_unit": committee,
				"is_group": 1,
				"valid_from": "2000-01-01",
			},
		)
		head, head_user = person(f"b{b:02d}.head", f"Trưởng ban {b:02d}", unit, secretary, is_leader=1)
		if frappe.db.get_value("Organization Unit", unit, "head_cadre") != head:
			unit_doc = frappe.get_doc("Organization Unit", unit)
			unit_doc.head_cadre = head
			unit_doc.save(ignore_permissions=True)  # the app grants Unit Head
		staff = [
			person(f"b{b:02d}.c{i}", f"Chuyên viên {b:02d}.{i}", unit, head) for i in range(1, BOARD_SIZE)
		]
		plan["boards"].append({"rater": head_user, "staff": staff})
		frappe.db.commit()
	log(f"district of {boards} boards in place ({time.perf_counter() - started:.0f} s)")

	period = get_or_create_period(frappe.utils.today())
	cadres = [cadre for board in plan["boards"] for cadre, _user in board["staff"]]
	old = frappe.get_all(
		"Cadre Evaluation", {"evaluation_period": period, "cadre": ("in", cadres)}, pluck="name"
	)
	for chunk in range(0, len(old), 500):
		names = old[chunk : chunk + 500]
		frappe.db.delete("Cadre Evaluation Score", {"parent": ("in", names)})
		frappe.db.delete("Cadre Evaluation", {"name": ("in", names)})
	generate_evaluations(period, only_cadres=cadres, commit=True)
	frappe.db.commit()
	evaluation = dict(
		frappe.get_all(
			"Cadre Evaluation",
			{"evaluation_period": period, "cadre": ("in", cadres)},
			["cadre", "name"],
			as_list=True,
		)
	)
	for board in plan["boards"]:
		board["staff"] = [(user, evaluation[cadre]) for cadre, user in board["staff"]]
	plan["period"] = period
	log(f"{len(evaluation)} evaluations of {period} created afresh")
	return plan


# --------------------------------------------------------------------------------------------------
# Production-like servers


def start_servers(site: str, port: int, workers: int, threads: int, log) -> list[subprocess.Popen]:
	bin_dir = os.path.dirname(sys.executable)
	out = open(os.path.join("..", "logs", "bench_rush.log"), "a")
	# the jobs the build left (a new user's contact and avatar) run first, so that the crowd does not
	# compete with them
	started = time.perf_counter()
	worker_command = [sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", site, "worker"]
	subprocess.run([*worker_command, "--burst"], stdout=out, stderr=out, check=True)
	log(f"queued jobs of the build run ({time.perf_counter() - started:.0f} s)")
	web = subprocess.Popen(
		[
			os.path.join(bin_dir, "gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"--threads",
			str(threads),
			"-t",
			"120",
			"--preload",
			"frappe.app:application",
		],
		stdout=out,
		stderr=out,
	)
	worker = subprocess.Popen(worker_command, stdout=out, stderr=out)
	base = f"http://127.0.0.1:{port}"
	for _ in range(120):
		try:
			if requests.get(f"{base}/api/method/ping", headers={"Host": site}, timeout=5).ok:
				break
		except requests.ConnectionError:
			pass
		time.sleep(0.5)
	else:
		stop([web, worker])
		sys.exit("gunicorn did not answer: see logs/bench_rush.log")
	log(f"gunicorn {workers} workers × {threads} threads on {base}, one RQ worker")
	return [web, worker]


def stop(processes) -> None:
	for process in processes:
		process.terminate()
	for process in processes:
		try:
			process.wait(30)
		except subprocess.TimeoutExpired:
			process.kill()


def cpu_seconds(web: subprocess.Popen, worker: subprocess.Popen) -> dict[str, float]:
	"""CPU seconds used so far by the web server (gunicorn and its workers), the RQ worker (and the
	job processes it forked), MariaDB and this client."""
	tick = os.sysconf("SC_CLK_TCK")
	stats = {}
	for pid in os.listdir("/proc"):
		if pid.isdigit():
			try:
				with open(f"/proc/{pid}/stat") as f:
					fields = f.read().rsplit(")", 1)[1].split()
				with open(f"/proc/{pid}/comm") as f:
					comm = f.read().strip()
			except OSError:
				continue
			ppid = int(fields[1])
			used = sum(int(x) for x in fields[11:15]) / tick  # utime, stime, cutime, cstime
			stats[int(pid)] = (ppid, comm, used)

	def tree(root: int) -> float:
		return stats.get(root, (0, "", 0))[2] + sum(
			used for pid, (ppid, _comm, used) in stats.items() if ppid == root
		)

	return {
		"web": tree(web.pid),
		"worker": tree(worker.pid),
		"database": sum(used for _ppid, comm, used in stats.values() if comm in ("mariadbd", "mysqld")),
		"client": sum(os.times()[:2]),
	}


# --------------------------------------------------------------------------------------------------
# People at their desks, over HTTP


class Person:
	def __init__(self, base: str, site: str, user: str, record, pace: float, rng):
		self.base, self.user, self.record = base, user, record
		self.pace, self.rng = pace, rng
		self.http = requests.Session()
		self.http.headers["Host"] = site

	def think(self, seconds: float) -> None:
		"""A person's pause before the next request (reading, typing): `seconds` × the run's pace,
		spread ±50 % so that people drift apart as they do."""
		if self.pace:
			time.sleep(seconds * self.pace * self.rng.uniform(0.5, 1.5))
			# gunicorn closes a connection idle for 2 s (keep-alive): after a pause a browser opens a new
			# one; reusing the old one races the server's close and fails without reaching the app
			self.http.close()

	def call(self, kind: str, method: str, path: str, **kwargs):
		started = time.perf_counter()
		try:
			reply = self.http.request(method, self.base + path, timeout=120, **kwargs)
			status = reply.status_code
		except requests.RequestException as e:
			reply, status = None, type(e).__name__
		self.record(kind, time.perf_counter() - started, status)
		if status != 200:
			raise RuntimeError(
				f"{self.user} {kind}: {status} {reply.text[:300] if reply is not None else ''}"
			)
		return reply

	def log_in(self) -> None:
		self.call("login", "POST", "/api/method/login", data={"usr": self.user, "pwd": PASSWORD})
		page = self.call("desk", "GET", "/app")
		token = CSRF.search(page.text)
		self.http.headers["X-Frappe-CSRF-Token"] = token.group(1) if token else ""

	def open(self, name: str) -> dict:
		path = f"/api/method/frappe.desk.form.load.getdoc?doctype=Cadre%20Evaluation&name={quote(name)}"
		return self.call("open", "GET", path).json()["docs"][0]

	def save(self, doc: dict) -> dict:
		reply = self.call(
			"save",
			"POST",
			"/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(doc), "action": "Save"},
		)
		return reply.json()["docs"][0]

	def step(self, doc: dict, action: str) -> None:
		self.call(
			"step",
			"POST",
			"/api/method/frappe.model.workflow.apply_workflow",
			data={"doc": json.dumps(doc), "action": action},
		)


def self_assess(person: Person, name: str) -> None:
	person.log_in()
	person.think(THINK["find"])
	doc = person.open(name)
	person.think(THINK["fill"])
	for row in doc["scores"]:
		if row.get("source") == "Manual":
			row["self_score"] = row.get("max_points") or 8
			row["self_note"] = "Hoàn thành đúng hạn các việc được giao trong tháng."
	doc = person.save(doc)
	person.think(THINK["confirm"])
	person.step(doc, "Self-Assess")


def rate(person: Person, names: list[str]) -> None:
	person.log_in()
	for name in names:
		person.think(RATER_THINK["find"])
		doc = person.open(name)
		person.think(RATER_THINK["fill"])
		for row in doc["scores"]:
			if row.get("source") == "Manual":
				row["rater_score"] = row.get("self_score") or 8
		doc = person.save(doc)
		person.think(RATER_THINK["confirm"])
		person.step(doc, "Rate Evaluation")


def crowd(jobs: list, base: str, site: str, pace: float = 0, ramp: float = 0, seed: int = 27):
	"""Run each (user, fn, arg) in a thread of its own; each person arrives at a random moment within
	`ramp` seconds (all at once with 0) and pauses between requests at `pace`. Returns the requests
	(kind, seconds, status), the wall time and the errors."""
	requests_made, errors, lock = [], [], threading.Lock()

	def record(kind, seconds, status):
		with lock:
			requests_made.append((kind, seconds, status))

	barrier = threading.Barrier(len(jobs) + 1)

	def run(user, fn, arg, rng):
		barrier.wait()
		time.sleep(rng.uniform(0, ramp))
		try:
			fn(Person(base, site, user, record, pace, rng), arg)
		except Exception as e:
			with lock:
				errors.append(str(e))

	seeds = random.Random(seed)
	threads = [threading.Thread(target=run, args=(*job, random.Random(seeds.random()))) for job in jobs]
	for thread in threads:
		thread.start()
	barrier.wait()
	started = time.perf_counter()
	for thread in threads:
		thread.join()
	return requests_made, time.perf_counter() - started, errors


def served_alone(base: str, site: str, people: list, web) -> dict[str, list[tuple[float, float]]]:
	"""Each person's requests served with nobody else on the server, one person after another:
	{kind: [(seconds, web CPU seconds)]}. What a request costs by itself, the floor under any crowd."""
	measured: dict[str, list[tuple[float, float]]] = {}

	class Alone(Person):
		def call(self, kind, method, path, **kwargs):
			before = cpu_seconds(web, web)["web"]
			started = time.perf_counter()
			reply = super().call(kind, method, path, **kwargs)
			seconds = time.perf_counter() - started
			measured.setdefault(kind, []).append((seconds, cpu_seconds(web, web)["web"] - before))
			return reply

	for user, name in people:
		self_assess(Alone(base, site, user, lambda *_a: None, 0, random.Random(27)), name)
	return measured


# --------------------------------------------------------------------------------------------------
# The run


def percentile(values: list[float], p: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def rows_of(level: int, phase: str, made: list, wall: float, cpu: dict) -> list[tuple]:
	rows = []
	for kind in ("login", "desk", "open", "save", "step"):
		times = [s for k, s, _status in made if k == kind]
		if not times:
			continue
		failed = sum(1 for k, _s, status in made if k == kind and status != 200)
		rows.append(
			(
				level,
				phase,
				kind,
				len(times),
				statistics.median(times),
				percentile(times, 95),
				max(times),
				failed,
			)
		)
	rows.append((level, phase, "all", len(made), wall, cpu, None, len(made) / wall))
	return rows


def main():
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--boards", type=int, default=20, help="boards of ten cadres (default 20)")
	parser.add_argument("--levels", default="25,50,100", help="concurrent users, comma-separated")
	parser.add_argument("--workers", type=int, default=4)
	parser.add_argument("--threads", type=int, default=2)
	parser.add_argument("--port", type=int, default=8791)
	parser.add_argument(
		"--pace", type=float, default=1.0, help="× the pauses of THINK between requests (0: none)"
	)
	parser.add_argument("--ramp", type=float, default=30, help="people arrive within these seconds")
	parser.add_argument("--stress", action="store_true", help="no pauses, everyone at once")
	args = parser.parse_args()
	levels = [int(n) for n in args.levels.split(",")]
	pace, ramp = (0.0, 0.0) if args.stress else (args.pace, args.ramp)
	staff_per_board = BOARD_SIZE - 1
	boards = max(args.boards, math.ceil((sum(levels) + SOLO) / staff_per_board))

	def log(message):
		print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

	import frappe

	connect(args.site)
	plan = build(boards, log)
	frappe.destroy()

	processes = start_servers(args.site, args.port, args.workers, args.threads, log)
	web, worker = processes
	base = f"http://127.0.0.1:{args.port}"
	table, server_errors = [], 0

	def phase(level: int, name: str, jobs: list) -> None:
		nonlocal table, server_errors
		before = cpu_seconds(web, worker)
		made, wall, errors = crowd(jobs, base, args.site, pace, ramp)
		after = cpu_seconds(web, worker)
		cpu = {key: after[key] - before[key] for key in after}
		table += rows_of(level, name, made, wall, cpu)
		server_errors += sum(1 for _k, _s, status in made if status != 200)
		for error in errors[:5]:
			log(f"error: {error}")

	try:
		# warm every worker (imports, caches) with a few sign-ins of the first board's head
		crowd([(plan["boards"][0]["rater"], lambda p, _a: p.log_in(), None)] * 8, base, args.site)
		pool = [(board, user, name) for board in plan["boards"] for user, name in board["staff"]]
		alone = served_alone(base, args.site, [(user, name) for _b, user, name in pool[:SOLO]], web)
		pool = pool[SOLO:]
		log(f"{SOLO} cadres served one after another")
		for level in levels:
			chosen, pool = pool[:level], pool[level:]
			phase(level, "cadres", [(user, self_assess, name) for _b, user, name in chosen])
			raters: dict[str, list[str]] = {}
			for board, _user, name in chosen:
				raters.setdefault(board["rater"], []).append(name)
			phase(len(raters), "raters", [(rater, rate, names) for rater, names in raters.items()])
			log(f"level {level} done")
	finally:
		stop(processes)

	print()
	model = (
		"no pauses, everyone at once (--stress)"
		if not pace and not ramp
		else (
			f"people arriving within {ramp:g} s and pausing between requests (±50 %): cadres "
			+ ", ".join(f"{k} {v * pace:g} s" for k, v in THINK.items())
			+ "; raters "
			+ ", ".join(f"{k} {v * pace:g} s" for k, v in RATER_THINK.items())
		)
	)
	print(
		f"Month-end rush on {args.site}: gunicorn {args.workers} workers × {args.threads} threads, one RQ "
		f"worker, {os.cpu_count()} CPUs; {model}. Seconds per request; CPU seconds of the phase."
	)
	print()
	print("| users at once | phase | request | n | p50 | p95 | max | not 200 |")
	print("|---:|---|---|---:|---:|---:|---:|---:|")
	for level, phase_name, kind, n, p50, p95, top, last in table:
		if kind == "all":
			cpu = p95
			print(
				f"| {level} | {phase_name} | **all** | {n} in {p50:.0f} s | {last:.1f} req/s | CPU: web "
				f"{cpu['web']:.0f} s, worker {cpu['worker']:.0f} s, MariaDB {cpu['database']:.0f} s, "
				f"client {cpu['client']:.0f} s | {1000 * cpu['web'] / max(n, 1):.0f} ms web CPU per request | |"
			)
		else:
			print(f"| {level} | {phase_name} | {kind} | {n} | {p50:.2f} | {p95:.2f} | {top:.2f} | {last} |")
	print()
	print(
		f"Served alone ({SOLO} cadres one after another, nobody else on the server): what each request "
		"costs by itself."
	)
	print()
	print("| request | n | p50 s | web CPU p50, ms |")
	print("|---|---:|---:|---:|")
	person_cpu = 0.0
	for kind, values in alone.items():
		cpu = statistics.median(c for _s, c in values)
		person_cpu += cpu
		print(
			f"| {kind} | {len(values)} | {statistics.median(s for s, _c in values):.3f} | {1000 * cpu:.0f} |"
		)
	cores = os.cpu_count() or 1
	print()
	print(
		f"One cadre's five requests take {1000 * person_cpu:.0f} ms of the web server's CPU (MariaDB's "
		f"besides). N cadres sending them at once keep {cores} CPUs busy at least N × "
		f"{1000 * person_cpu:.0f} ms / {cores}: "
		+ ", ".join(f"{n} cadres {n * person_cpu / cores:.1f} s" for n in levels)
		+ ". With no pause, each request waits behind the others' (Little's law: the mean answer is the "
		"cadres at once divided by the requests served per second)."
	)
	print()
	targets = {50: 1.0, 100: 2.0}
	for level, phase_name, kind, _n, _p50, p95, _top, _last in table:
		if phase_name == "cadres" and kind in ("save", "step") and targets.get(level):
			verdict = "met" if p95 <= targets[level] else "NOT met"
			print(f"- {kind} p95 at {level} users: {p95:.2f} s (target ≤ {targets[level]:g} s): {verdict}")
	print(f"- answers that were not 200: {server_errors}")


if __name__ == "__main__":
	main()
