#include "store/outbox.hpp"

#include <algorithm>

#include "domain/text.hpp"
#include "store/table.hpp"

namespace yoyaku::store {

namespace {

using M = OutboxMessage;
const Table<M> outbox_table{
    "email_outbox",
    {{"id", &M::id}, {"kind", &M::kind}, {"recipients", &M::recipients}, {"subject", &M::subject}, {"body", &M::body},
     {"message_id", &M::message_id}, {"status", &M::status}, {"attempts", &M::attempts},
     {"next_attempt_at", &M::next_attempt_at}, {"created_at", &M::created_at}, {"sent_at", &M::sent_at},
     {"last_response", &M::last_response}}};

}  // namespace

std::int64_t insert_outbox(db::Connection& c, const OutboxMessage& m) {
  const std::string recipients = domain::join_list(m.recipients);
  auto row = c.query_one(
      "INSERT INTO email_outbox (kind, recipients, subject, body, message_id, status, attempts, next_attempt_at,"
      " created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) RETURNING id",
      {m.kind, recipients, m.subject, m.body, m.message_id, m.next_attempt_at, m.created_at});
  return row->integer(0);
}

std::vector<OutboxMessage> claim_due_outbox(db::Connection& c, const std::string& worker, std::int64_t now,
                                            std::int64_t lease_until, int limit) {
  static const std::string due =
      "(status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND claimed_until < ?)";
  static const std::string pg_claim = std::string(
      "UPDATE email_outbox SET status = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
      " WHERE id IN (SELECT id FROM email_outbox WHERE ") + due +
      " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + outbox_table.columns();
  static const std::string sqlite_claim = std::string(
      "UPDATE email_outbox SET status = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
      " WHERE id IN (SELECT id FROM email_outbox WHERE ") + due + " ORDER BY id LIMIT ?) RETURNING " +
      outbox_table.columns();
  // Most polls find nothing: check with a read first, so that an idle sender
  // does not take SQLite's write lock every second.
  static const std::string any_due =
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM email_outbox WHERE " + due + ") THEN 1 ELSE 0 END";
  if (c.query_one(any_due, {now, now})->integer(0) == 0) return {};
  return db::in_transaction(c, true, [&](db::Connection& t) {
    // SQLite's BEGIN IMMEDIATE already serialises claimers; PostgreSQL skips rows another claimer holds.
    const std::string& sql = t.dialect() == db::Dialect::postgresql ? pg_claim : sqlite_claim;
    auto claimed = outbox_table.all(t, sql, {worker, lease_until, now, now, std::int64_t{limit}});
    std::sort(claimed.begin(), claimed.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return claimed;
  });
}

namespace {
// Ends a claim, only while the message is still claimed by `worker`.
bool finish_claim(db::Connection& c, const std::string& set, std::vector<db::Value> params, std::int64_t id,
                  const std::string& worker) {
  params.insert(params.end(), {id, worker});
  c.query("UPDATE email_outbox SET " + set +
              ", claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status = 'sending' AND claimed_by = ?",
          params);
  return c.changes() == 1;
}
}  // namespace

bool mark_outbox_sent(db::Connection& c, std::int64_t id, const std::string& worker, std::int64_t now,
                      const std::string& response) {
  return finish_claim(c, "status = 'sent', sent_at = ?, last_response = ?", {now, response}, id, worker);
}

bool mark_outbox_retry(db::Connection& c, std::int64_t id, const std::string& worker, std::int64_t next_attempt_at,
                       const std::string& response) {
  return finish_claim(c, "status = 'pending', next_attempt_at = ?, last_response = ?", {next_attempt_at, response}, id,
                      worker);
}

bool mark_outbox_failed(db::Connection& c, std::int64_t id, const std::string& worker, const std::string& response) {
  return finish_claim(c, "status = 'failed', last_response = ?", {response}, id, worker);
}

std::vector<OutboxMessage> list_outbox(db::Connection& c, const std::string& status, int limit) {
  return outbox_table.find_all(c, "WHERE ? = '' OR status = ? ORDER BY id DESC LIMIT ?", {status, status, std::int64_t{limit}});
}

std::optional<OutboxMessage> find_outbox(db::Connection& c, std::int64_t id) {
  return outbox_table.find(c, "WHERE id = ?", {id});
}

bool requeue_outbox(db::Connection& c, std::int64_t id, std::int64_t now) {
  c.query("UPDATE email_outbox SET status = 'pending', next_attempt_at = ?, attempts = 0 WHERE id = ? AND status = 'failed'",
          {now, id});
  return c.changes() == 1;
}

std::map<std::string, std::int64_t> outbox_counts(db::Connection& c) {
  std::map<std::string, std::int64_t> counts{{"pending", 0}, {"sending", 0}, {"sent", 0}, {"failed", 0}};
  for (const auto& row : c.query("SELECT status, COUNT(*) FROM email_outbox GROUP BY status")) {
    counts[row.text(0)] = row.integer(1);
  }
  return counts;
}

}  // namespace yoyaku::store
