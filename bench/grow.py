#!/usr/bin/env python3
"""Gives a bench database (SQLite) years of history: COUNT past reservations
of PROCEDURE_ID (80 % attended, 10 % withdrawn, 10 % no-show) on slots of
past days, each with the hold it was booked from, spread over the bench's
users and over 100,000 求職番号 (about ten bookings a person at a million) — so that scripts/bench.sh can compare booking and read latency on a
grown database with those on an empty one. The 求職番号 are not the bench
users' own (bench_fixture's 12345-00000000 onwards): with a tenth of the
history no-shows, those would be refused online booking (leaflet §6(4)),
and the bench would time refusals instead of bookings.

    grow.py SQLITE_FILE COUNT PROCEDURE_ID
"""
import datetime
import sqlite3
import sys

first_history_number = 1000  # past bench_fixture's users (at most 1,000)


def main(path, count, procedure_id):
    db = sqlite3.connect(path)
    frame_id = db.execute("SELECT id FROM reservation_frames WHERE procedure_id = ? ORDER BY id LIMIT 1",
                          (procedure_id,)).fetchone()[0]
    users = [row[0] for row in db.execute("SELECT id FROM users ORDER BY id")]
    days = 1000                       # 2021-01-01 onwards, every day
    per_day = 12                      # 10:00 … 15:30
    per_slot = -(-count // (days * per_day))
    db.execute("BEGIN")
    db.execute(
        """WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < ? - 1),
                          m(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM m WHERE k < ? - 1)
           INSERT INTO slots (frame_id, slot_date, start_minute, end_minute, capacity, taken)
           SELECT ?, date('2021-01-01', '+' || i || ' days'), 600 + 30 * k, 630 + 30 * k, ?, 0 FROM d, m""",
        (days, per_day, frame_id, per_slot))
    slot_ids = [(row[0], row[1]) for row in db.execute(
        "SELECT id, slot_date FROM slots WHERE frame_id = ? AND slot_date < '2024-01-01' ORDER BY slot_date, start_minute",
        (frame_id,))]
    holds = []
    reservations = []
    for n in range(count):
        slot, slot_date = slot_ids[n // per_slot]
        user = users[n % len(users)]
        applied = 1609459200 + (n // per_slot) // per_day * 86400  # the slot's day, 2021-01-01 onwards
        status = "withdrawn" if n % 10 == 0 else "no_show" if n % 10 == 1 else "attended"
        holds.append((f"history-{n}", slot, procedure_id, user, applied, applied + 3600, applied + 600))
        day = sqlite_day(applied)
        sequence = n % (per_slot * per_day) + 1  # the day's rows are contiguous in n
        reservations.append((f"{day}-{sequence:06d}", user, procedure_id, slot, status, "履歴", str(n), f"12345-{first_history_number + n % 100000:08d}",
                             applied, applied, applied if status == "withdrawn" else None, slot_date))
    db.executemany("INSERT INTO holds (public_id, slot_id, procedure_id, user_id, created_at, expires_at, released_at,"
                   " release_reason) VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed')", holds)
    db.executemany("INSERT INTO reservations (number, user_id, procedure_id, slot_id, status, family_name, given_name,"
                   " job_seeker_number, applied_at, updated_at, withdrawn_at, slot_date)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   reservations)
    db.execute("UPDATE slots SET taken = (SELECT COUNT(*) FROM reservations r WHERE r.slot_id = slots.id"
               " AND r.status <> 'withdrawn') WHERE frame_id = ? AND slot_date < '2024-01-01'", (frame_id,))
    db.execute("COMMIT")
    db.close()


def sqlite_day(unix_seconds):
    return datetime.datetime.fromtimestamp(unix_seconds, datetime.timezone.utc).strftime("%Y%m%d")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
