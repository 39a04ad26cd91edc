// PostgreSQL driver over libpq: `?` placeholders rewritten to $n, statements
// prepared once per connection, SQLSTATE mapped to the db:: error types.
#include <libpq-fe.h>

#include <map>
#include <utility>

#include "db/c_handle.hpp"
#include "db/database.hpp"

namespace yoyaku::db {
namespace {

using PgConnHandle = CHandle<PGconn, PQfinish>;
using PgResultHandle = CHandle<PGresult, PQclear>;

// Rewrites `?` to $1, $2 … outside string literals and quoted identifiers.
std::string to_numbered_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;
  for (char ch : sql) {
    if (quote) {
      if (ch == quote) quote = 0;
      out += ch;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      out += ch;
    } else if (ch == '?') {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += ch;
    }
  }
  return out;
}

void ignore_notice(void*, const char*) {}

// A statement that only reads, takes no lock and changes nothing: under READ
// COMMITTED it sees the same whether or not a transaction is open.
bool plain_read(std::string_view sql) {
  if (sql.rfind("SELECT ", 0) != 0) return false;
  for (std::string_view marker : {" FOR UPDATE", " FOR SHARE", " FOR NO KEY", " FOR KEY SHARE", "pg_advisory", "nextval",
                                  "setval"}) {
    if (sql.find(marker) != std::string_view::npos) return false;
  }
  return true;
}

class PostgresqlConnection final : public Connection {
 public:
  explicit PostgresqlConnection(std::string url) : url_(std::move(url)) { open(); }

  Dialect dialect() const override { return Dialect::postgresql; }

  Rows query(std::string_view sql, const std::vector<Value>& params) override {
    const Statement& statement = prepared(sql);
    if (read_begin_deferred_ && !statement.plain_read) send_deferred_begin();
    const std::string& name = statement.name;
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (const auto* number = std::get_if<std::int64_t>(&params[i])) {
        storage[i] = std::to_string(*number);
        values[i] = storage[i].c_str();
      } else if (const auto* text = std::get_if<std::string>(&params[i])) {
        values[i] = text->c_str();
      }
    }
    PgResultHandle result(PQexecPrepared(handle_.get(), name.c_str(), static_cast<int>(params.size()),
                                         values.data(), nullptr, nullptr, 0));
    check(result.get(), sql);
    Rows rows;
    const int row_count = PQntuples(result.get());
    const int column_count = PQnfields(result.get());
    rows.reserve(row_count);
    for (int r = 0; r < row_count; ++r) {
      std::vector<std::optional<std::string>> columns;
      columns.reserve(column_count);
      for (int c = 0; c < column_count; ++c) {
        if (PQgetisnull(result.get(), r, c)) {
          columns.emplace_back(std::nullopt);
        } else {
          columns.emplace_back(std::string(PQgetvalue(result.get(), r, c),
                                           static_cast<std::size_t>(PQgetlength(result.get(), r, c))));
        }
      }
      rows.emplace_back(std::move(columns));
    }
    const char* affected = PQcmdTuples(result.get());
    changes_ = (affected && *affected) ? std::stoll(affected) : 0;
    return rows;
  }

  void execute_script(std::string_view sql) override {
    if (read_begin_deferred_) send_deferred_begin();
    run_simple(sql);
  }

  std::int64_t changes() const override { return changes_; }

  void begin(bool write) override {
    // READ COMMITTED; writers serialise on the rows they lock (SELECT … FOR
    // UPDATE or conditional UPDATE), which is what capacity checks rely on.
    // Every statement there takes its own snapshot, so a read transaction's
    // plain SELECTs see the same without BEGIN and COMMIT: they are sent only
    // if the transaction comes to lock or write (two round trips of a slot
    // list's six saved).
    if (write) {
      run_simple("BEGIN");
    } else {
      read_begin_deferred_ = true;
    }
  }
  void commit() override {
    if (std::exchange(read_begin_deferred_, false)) return;
    run_simple("COMMIT");
  }
  void rollback() override {
    read_begin_deferred_ = false;
    if (PQtransactionStatus(handle_.get()) != PQTRANS_IDLE) run_simple("ROLLBACK");
  }
  void ping() override { query("SELECT 1", {}); }
  bool broken() const override { return PQstatus(handle_.get()) != CONNECTION_OK; }
  bool reconnect() override {
    open();
    return true;
  }

 private:
  struct Statement {
    std::string name;
    bool plain_read = false;
  };

  const Statement& prepared(std::string_view sql) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) return found->second;
    std::string name = "s" + std::to_string(statements_.size() + 1);
    std::string numbered = to_numbered_placeholders(sql);
    PgResultHandle result(PQprepare(handle_.get(), name.c_str(), numbered.c_str(), 0, nullptr));
    check(result.get(), sql);
    return statements_.emplace(std::string(sql), Statement{std::move(name), plain_read(sql)}).first->second;
  }

  void run_simple(std::string_view sql) {
    std::string script(sql);
    PgResultHandle result(PQexec(handle_.get(), script.c_str()));
    check(result.get(), sql);
  }

  void send_deferred_begin() {
    read_begin_deferred_ = false;
    run_simple("BEGIN");
  }

  void check(PGresult* result, std::string_view sql) {
    ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return;
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(handle_.get());
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    message += " [" + std::string(sql.substr(0, 200)) + "]";
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    if (sqlstate == "23505") throw UniqueViolation(message);
    if (sqlstate.rfind("23", 0) == 0) throw ConstraintViolation(message);
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") throw RetryableError(message);
    if (broken() || sqlstate.rfind("08", 0) == 0) throw ConnectionError(message);
    throw Error(message);
  }

  // A new session from the URL: with several hosts and target_session_attrs,
  // libpq picks the one that accepts writes now. Prepared statements belong to
  // the old session, so they are forgotten.
  void open() {
    const char* keywords[] = {"dbname", "connect_timeout", "application_name", "client_encoding", nullptr};
    const char* values[] = {url_.c_str(), "5", "yoyaku", "UTF8", nullptr};
    PgConnHandle handle(PQconnectdbParams(keywords, values, 1));
    if (!handle || PQstatus(handle.get()) != CONNECTION_OK) {
      std::string message = handle ? PQerrorMessage(handle.get()) : "out of memory";
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      // libpq adds hint lines; operators get one line.
      for (auto& ch : message) {
        if (ch == '\n' || ch == '\t') ch = ' ';
      }
      throw ConnectionError("cannot connect to PostgreSQL " + redact_url(url_) + ": " + message);
    }
    PQsetNoticeProcessor(handle.get(), ignore_notice, nullptr);
    handle_ = std::move(handle);
    statements_.clear();
    read_begin_deferred_ = false;
    // Every statement is prepared once per session and looks rows up by key,
    // so one plan per statement serves every parameter. Left to choose,
    // PostgreSQL plans some again on every call (a person's standing: 0.7 ms
    // of planning for 0.02 ms of work, twice a booking).
    run_simple("SET plan_cache_mode = force_generic_plan");
  }

  std::string url_;
  PgConnHandle handle_;
  std::map<std::string, Statement, std::less<>> statements_;
  std::int64_t changes_ = 0;
  bool read_begin_deferred_ = false;  // a read transaction whose BEGIN is not sent yet
};

}  // namespace

std::unique_ptr<Connection> connect_postgresql(const std::string& url) {
  return std::make_unique<PostgresqlConnection>(url);
}

}  // namespace yoyaku::db
