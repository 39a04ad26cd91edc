// SQLite driver: WAL, busy timeout, foreign keys, statements cached per handle,
// one writer handle per database file in the process.
#include <pthread.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "db/c_handle.hpp"
#include "db/database.hpp"

namespace yoyaku::db {
namespace {

using SqliteHandle = CHandle<sqlite3, sqlite3_close_v2>;
using StatementHandle = CHandle<sqlite3_stmt, sqlite3_finalize>;

constexpr int busy_timeout_ms = 10000;
// Enough to share most pages among the parts; few enough that the last one waits little.
constexpr std::size_t max_batch_parts = 64;

// How much more CPU the writer's threads (batch thread, checkpointer) ask for than the rest of the process.
constexpr int writer_nice_boost = 10;

// Names a thread of the writer (`top -H`, /proc/PID/task/*/comm) and asks
// the scheduler to favour it: every write of the process goes through the
// batch thread, one batch at a time, and the checkpointer holds the writer
// while it catches up; when the request threads (16 of them, beside the
// event loops) took their CPU the whole process waited. Lowering a nice
// value needs CAP_SYS_NICE or an RLIMIT_NICE that allows it (systemd's
// LimitNICE); without either the thread keeps the process's priority.
void favour_writer_thread(const char* name) {
  errno = 0;
  const int process_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(getpid()));  // the main thread's
  if (errno == 0) {
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), std::max(-20, process_nice - writer_nice_boost));
  }
  pthread_setname_np(pthread_self(), name);  // last: a thread seen with its name has its priority
}

// A prepared statement. `INSERT … RETURNING id` of one row is prepared
// without its RETURNING clause and answered with the row's rowid: SQLite
// runs a RETURNING statement through a temporary b-tree, opened and closed
// each time (a twentieth of the writer's time in a booking run).
struct Prepared {
  StatementHandle statement;
  bool returns_rowid = false;
};

// An open database handle and the statements prepared on it.
struct Session {
  SqliteHandle handle;
  std::map<std::string, Prepared, std::less<>> statements;
};

constexpr std::string_view returning_id = " RETURNING id";

// An INSERT of one row (no ON CONFLICT, no second VALUES row) that returns
// its id: the id is the rowid, as every table's id is an INTEGER PRIMARY KEY.
bool inserts_one_row_returning_id(std::string_view sql) {
  if (!sql.starts_with("INSERT INTO ") || !sql.ends_with(returning_id)) return false;
  const auto values = sql.find(" VALUES (");
  return values != std::string_view::npos && sql.find(" VALUES (", values + 1) == std::string_view::npos &&
         sql.find("), (", values) == std::string_view::npos && sql.find("ON CONFLICT") == std::string_view::npos;
}

std::atomic<SqliteSynchronous> synchronous_mode{SqliteSynchronous::normal};

// Opens `path` with the server's settings.
std::unique_ptr<Session> open_session(const std::string& path) {
  auto session = std::make_unique<Session>();
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  session->handle.reset(raw);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw ConnectionError("cannot open SQLite database " + path + ": " + message);
  }
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  char* error = nullptr;
  const char* settings = synchronous_mode.load() == SqliteSynchronous::full
                             ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                             : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
  // A new file's first handles switch it to WAL together: each needs the
  // file to itself for that, and SQLite answers BUSY at once, without the
  // busy handler, to all but one of handles that would otherwise deadlock.
  const auto give_up_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (int attempt = 1;; ++attempt) {
    const int rc = sqlite3_exec(raw, settings, nullptr, nullptr, &error);
    if (rc == SQLITE_OK) break;
    std::string message = error ? error : sqlite3_errmsg(raw);
    sqlite3_free(error);
    error = nullptr;
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= give_up_at) {
      throw ConnectionError("cannot use SQLite database " + path + ": " + message);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 20)));
  }
  return session;
}

class SqliteConnection;

// A thread's part of a write batch, waiting for the writer.
struct BatchedWrite {
  BatchedWrite(SqliteConnection* owner_connection, const std::function<void(Connection&)>* part_work)
      : owner(owner_connection), work(part_work) {}

  SqliteConnection* owner;
  const std::function<void(Connection&)>* work;
  bool taken = false;  // in a batch now: it will be done, so no giving up
  std::exception_ptr error{};

  // Blocks on a futex. std::binary_semaphore's timed acquire polled instead
  // (sched_yield, then ever longer sleeps): a third of the request threads'
  // CPU in a booking run.
  void finish() {
    std::lock_guard lock(done_mutex);
    done = true;
    done_signal.notify_one();  // under the lock: the waiter may return and free this part once it is released
  }
  bool wait_until(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(done_mutex);
    return done_signal.wait_until(lock, deadline, [&] { return done; });
  }
  void wait() {
    std::unique_lock lock(done_mutex);
    done_signal.wait(lock, [&] { return done; });
  }

  std::mutex done_mutex;
  std::condition_variable done_signal;
  bool done = false;  // the batch has committed or failed
};

// The writer of a database file in this process: every write transaction of
// the process runs on this one handle, one transaction at a time.
//  - SQLite lets one connection write; another that finds the lock taken
//    sleeps in the busy handler (1, 2, 5 … up to 100 ms a turn). Queueing
//    here hands the lock over the moment it is free.
//  - A connection drops its page cache whenever another one has written, so
//    writes spread over the pool would each start cold (pread after pread).
//    The writer's cache stays warm: it made the last change itself.
//  - Group commit: the writer's own thread runs the work every waiting
//    thread has queued in one transaction, each part in a savepoint of its
//    own, and commits once. A page that several parts change (the last leaf
//    of an index, of the audit log) is then written to the WAL once, not
//    once per part, and BEGIN and COMMIT are paid once. One thread goes
//    from batch to batch and wakes only the threads whose parts are done:
//    when a waiting request thread ran the next batch, every waiting thread
//    was woken at the end of each batch to see whether it was its turn (an
//    eighth of the server's CPU went to those futex calls in a booking run).
// Other processes on the same file still meet the busy handler.
class Checkpointer;
class BatchThread;

struct Writer {
  std::string path;
  std::mutex mutex;
  std::condition_variable released;
  bool busy = false;                   // a thread is writing: a batch, or a transaction of its own
  bool checkpoint_waiting = false;     // the checkpointer goes next: writers that keep coming must not starve it
  bool stopping = false;               // the batch thread ends
  std::condition_variable work_ready;  // the batch thread's: a part queued, or the writer free again
  std::deque<BatchedWrite*> queue;     // waiting for the next batch
  std::unique_ptr<Session> session;    // opened by the first write, while busy
  std::unique_ptr<Checkpointer> checkpointer;  // started with the session
  std::unique_ptr<BatchThread> batch_thread;   // started by the first batched write; stopped first
};

// Makes the writer the checkpointer's, before any other thread's.
void wait_for_writer(Writer& writer) {
  std::unique_lock lock(writer.mutex);
  writer.checkpoint_waiting = true;
  writer.released.wait(lock, [&] { return !writer.busy; });
  writer.checkpoint_waiting = false;
  writer.busy = true;
}

// True when a writer thread may take the writer now (under its mutex).
bool writer_free(const Writer& writer) { return !writer.busy && !writer.checkpoint_waiting; }

void give_back(Writer& writer) {
  {
    std::lock_guard lock(writer.mutex);
    writer.busy = false;
  }
  writer.released.notify_all();
  writer.work_ready.notify_one();
}

// Runs the batches of a writer (SqliteConnection::serve_batches) until the writer goes.
class BatchThread {
 public:
  BatchThread(Writer& writer, void (*serve)(Writer&)) : writer_(writer), thread_([&writer, serve] { serve(writer); }) {}
  ~BatchThread() {
    {
      std::lock_guard lock(writer_.mutex);
      writer_.stopping = true;
    }
    writer_.work_ready.notify_one();
    thread_.join();
  }
  BatchThread(const BatchThread&) = delete;
  BatchThread& operator=(const BatchThread&) = delete;

 private:
  Writer& writer_;
  std::thread thread_;
};

// Copies the WAL back into the database file, mostly off the write path.
// SQLite's own checkpoint runs inside the COMMIT that takes the WAL past
// 1,000 pages, copying them all and syncing while every other writer of the
// process waits. This thread first copies what is there while writes go on,
// then takes the writer for the few pages committed meanwhile and waits
// (briefly) for the readers of older snapshots to finish (RESTART): the WAL
// starts again from its beginning only after a checkpoint that caught up
// with the last commit, which it never would under a steady stream of writes.
class Checkpointer {
 public:
  // Three times SQLite's default: the pages every batch changes (the last
  // leaf of each table and index) are copied once per checkpoint, so fewer
  // checkpoints copy them fewer times (bookings about 12 % faster than with
  // 1,000; the WAL then peaks at 15–19 MB).
  static constexpr int wal_pages = 3000;
  // Readers are short; one that is not does not hold up the writes for long.
  static constexpr int catch_up_wait_ms = 100;

  explicit Checkpointer(Writer& writer) : writer_(writer), thread_([this] { run(); }) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // sqlite3_wal_hook's callback, after each commit of the writer.
  static int after_commit(void* checkpointer, sqlite3*, const char*, int pages_in_wal) {
    if (pages_in_wal >= wal_pages) static_cast<Checkpointer*>(checkpointer)->request();
    return SQLITE_OK;
  }

 private:
  void request() {
    {
      std::lock_guard lock(mutex_);
      requested_ = true;
    }
    wake_.notify_one();
  }

  void run() {
    favour_writer_thread("sqlite-checkpt");
    std::unique_ptr<Session> session;
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return requested_ || stopping_; });
      if (stopping_) return;
      requested_ = false;
      lock.unlock();
      try {
        if (!session) {
          session = open_session(writer_.path);
          sqlite3_busy_timeout(session->handle.get(), catch_up_wait_ms);
        }
        // BUSY (another process checkpointing, a reader too slow) or an I/O
        // error: the next commit asks again.
        checkpoint(*session, SQLITE_CHECKPOINT_PASSIVE);
        wait_for_writer(writer_);
        checkpoint(*session, SQLITE_CHECKPOINT_RESTART);
        give_back(writer_);
      } catch (const Error&) {
      }
      lock.lock();
    }
  }

  static void checkpoint(Session& session, int mode) {
    sqlite3_wal_checkpoint_v2(session.handle.get(), nullptr, mode, nullptr, nullptr);
  }

  Writer& writer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: it starts with everything above in place
};



// The writer's handle, opened by the first write. Its savepoints journal the
// pages they change in memory: a batch's parts would otherwise write every
// page twice more, to a temporary file. Its commits leave checkpoints to the
// checkpointer.
void open_writer_session(Writer& writer) {
  if (writer.session) return;
  auto session = open_session(writer.path);
  if (sqlite3_exec(session->handle.get(), "PRAGMA temp_store=MEMORY", nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw ConnectionError("cannot use SQLite database " + writer.path + ": " + sqlite3_errmsg(session->handle.get()));
  }
  if (!writer.checkpointer) writer.checkpointer = std::make_unique<Checkpointer>(writer);
  sqlite3_wal_hook(session->handle.get(), &Checkpointer::after_commit, writer.checkpointer.get());
  writer.session = std::move(session);
}

std::shared_ptr<Writer> writer_of(const std::string& file) {
  static std::mutex registry_mutex;
  static std::map<std::string, std::weak_ptr<Writer>> registry;
  std::lock_guard lock(registry_mutex);
  auto& entry = registry[file];
  auto writer = entry.lock();
  if (!writer) {
    writer = std::make_shared<Writer>();
    writer->path = file;
    entry = writer;
  }
  return writer;
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) : own_(open_session(path)), active_(own_.get()) {
    const char* file = sqlite3_db_filename(own_->handle.get(), "main");
    // An in-memory database is its connection's own: no writer to share.
    if (file && *file) writer_ = writer_of(file);
  }
  ~SqliteConnection() override {
    if (active_ != own_.get() && !sqlite3_get_autocommit(active_->handle.get())) {
      sqlite3_exec(active_->handle.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    stop_writing();
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  Rows query(std::string_view sql, const std::vector<Value>& params) override {
    const Prepared& prepared_statement = prepared_on(*active_, sql);
    sqlite3_stmt* statement = prepared_statement.statement.get();
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    int expected = sqlite3_bind_parameter_count(statement);
    if (expected != static_cast<int>(params.size())) {
      throw Error("statement expects " + std::to_string(expected) + " parameters, got " +
                  std::to_string(params.size()) + ": " + std::string(sql));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      int rc = std::visit(
          [&](const auto& value) -> int {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              return sqlite3_bind_null(statement, index);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              return sqlite3_bind_int64(statement, index, value);
            } else {
              return sqlite3_bind_text(statement, index, value.data(), static_cast<int>(value.size()),
                                       SQLITE_TRANSIENT);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) fail(rc, sql);
    }
    Rows rows;
    const int columns = sqlite3_column_count(statement);
    for (;;) {
      int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(statement);
        fail(rc, sql);
      }
      std::vector<std::optional<std::string>> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        const int type = sqlite3_column_type(statement, c);
        if (type == SQLITE_NULL) {
          values.emplace_back(std::nullopt);
        } else if (type == SQLITE_INTEGER) {
          // Formatted here (no allocation for the short string) rather than by SQLite, which would malloc a text
          // copy inside the statement for every integer read.
          values.emplace_back(std::to_string(sqlite3_column_int64(statement, c)));
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
          values.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
        }
      }
      rows.emplace_back(std::move(values));
    }
    changes_ = sqlite3_changes64(active_->handle.get());
    sqlite3_reset(statement);
    if (prepared_statement.returns_rowid && changes_ > 0) {
      rows.emplace_back(std::vector<std::optional<std::string>>{
          std::to_string(sqlite3_last_insert_rowid(active_->handle.get()))});
    }
    return rows;
  }

  void execute_script(std::string_view sql) override {
    char* error = nullptr;
    std::string script(sql);
    int rc = sqlite3_exec(active_->handle.get(), script.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      throw_for(rc, message);
    }
  }

  std::int64_t changes() const override { return changes_; }

  void begin(bool write) override {
    if (write && writer_) take_writer();
    try {
      run_on(*active_, write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
      stop_writing();
      throw;
    }
  }
  void commit() override {
    run_on(*active_, "COMMIT");
    stop_writing();
  }
  void rollback() override {
    if (!sqlite3_get_autocommit(active_->handle.get())) run_on(*active_, "ROLLBACK");
    stop_writing();
  }

  bool batches_writes() const override { return writer_ != nullptr; }

  void write_in_batch(const std::function<void(Connection&)>& work) override {
    if (!writer_) return Connection::write_in_batch(work);
    Writer& writer = *writer_;
    BatchedWrite part{this, &work};
    {
      std::lock_guard lock(writer.mutex);
      if (!writer.batch_thread) writer.batch_thread = std::make_unique<BatchThread>(writer, &serve_batches);
      writer.queue.push_back(&part);
    }
    writer.work_ready.notify_one();
    // As long as SQLite's own busy timeout: a writer that never finishes is an error, not a hang.
    const auto give_up_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    if (!part.wait_until(give_up_at)) {
      std::unique_lock lock(writer.mutex);
      if (!part.taken) {
        writer.queue.erase(std::find(writer.queue.begin(), writer.queue.end(), &part));
        throw RetryableError("database is locked (another writer in this process)");
      }
      lock.unlock();
      part.wait();
    }
    if (part.error) std::rethrow_exception(part.error);
  }

  void ping() override { query("SELECT 1", {}); }

 private:
  static const Prepared& prepared_on(Session& session, std::string_view sql) {
    auto found = session.statements.find(sql);
    if (found != session.statements.end()) return found->second;
    const bool returns_rowid = inserts_one_row_returning_id(sql);
    const std::string_view compiled = returns_rowid ? sql.substr(0, sql.size() - returning_id.size()) : sql;
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v3(session.handle.get(), compiled.data(), static_cast<int>(compiled.size()),
                                SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    if (rc != SQLITE_OK) {
      throw_for(rc, std::string(sqlite3_errmsg(session.handle.get())) + " [" + std::string(sql.substr(0, 200)) + "]");
    }
    auto [it, inserted] = session.statements.emplace(std::string(sql), Prepared{StatementHandle(raw), returns_rowid});
    return it->second;
  }

  // Runs a statement without parameters or rows (BEGIN, COMMIT, SAVEPOINT …),
  // prepared once: parsing it again each time cost as much as a small query.
  static void run_on(Session& session, std::string_view sql) {
    sqlite3_stmt* statement = prepared_on(session, sql).statement.get();
    int rc = sqlite3_step(statement);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
      std::string message = std::string(sqlite3_errmsg(session.handle.get())) + " [" + std::string(sql) + "]";
      sqlite3_reset(statement);
      throw_for(rc, message);
    }
    sqlite3_reset(statement);
  }

  // Waits until the writer is free and makes it this connection's.
  void take_writer() {
    {
      std::unique_lock lock(writer_->mutex);
      if (!writer_->released.wait_for(lock, std::chrono::milliseconds(busy_timeout_ms),
                                      [&] { return writer_free(*writer_); })) {
        throw RetryableError("database is locked (another writer in this process)");
      }
      writer_->busy = true;
    }
    try {
      open_writer_session(*writer_);
    } catch (...) {
      give_writer_back();
      throw;
    }
    active_ = writer_->session.get();
  }

  void give_writer_back() { give_back(*writer_); }

  // Back to this connection's own handle, and the writer to the next one.
  void stop_writing() {
    if (active_ != own_.get()) {
      active_ = own_.get();
      give_writer_back();
    }
  }

  // The batch thread: takes what is queued whenever the writer is free (the
  // checkpointer and a transaction of its own may have it in between).
  static void serve_batches(Writer& writer) {
    favour_writer_thread("sqlite-writer");
    std::unique_lock lock(writer.mutex);
    for (;;) {
      writer.work_ready.wait(lock, [&] { return writer.stopping || (!writer.queue.empty() && writer_free(writer)); });
      // Stopping: no part is queued, as each belongs to a connection that keeps the writer.
      if (writer.queue.empty()) return;
      writer.busy = true;
      std::vector<BatchedWrite*> batch;
      while (!writer.queue.empty() && batch.size() < max_batch_parts) {
        batch.push_back(writer.queue.front());
        batch.back()->taken = true;
        writer.queue.pop_front();
      }
      lock.unlock();
      run_batch(writer, batch);
      // A part's thread may return (and its part go) the moment it is released.
      for (BatchedWrite* part : batch) part->finish();
      lock.lock();
      writer.busy = false;
      writer.released.notify_all();
    }
  }

  // Runs each part's work in one transaction on the writer's handle, in a
  // savepoint of its own when there are several, and commits once. Every
  // part leaves with its error set, or none when its work committed. Called
  // while the writer is busy on this thread's behalf.
  static void run_batch(Writer& writer, const std::vector<BatchedWrite*>& batch) {
    auto fail_all = [&](const std::exception_ptr& error) {
      for (BatchedWrite* part : batch) part->error = error;
    };
    try {
      open_writer_session(writer);
      run_on(*writer.session, "BEGIN IMMEDIATE");
    } catch (...) {
      fail_all(std::current_exception());
      return;
    }
    Session& session = *writer.session;
    sqlite3* handle = session.handle.get();
    const bool alone = batch.size() == 1;
    bool transaction_lost = false;  // rolled back by SQLite itself: nothing of it can commit
    std::vector<BatchedWrite*> kept;
    for (BatchedWrite* part : batch) {
      if (transaction_lost) break;
      SqliteConnection& owner = *part->owner;
      owner.active_ = &session;
      try {
        if (!alone) run_on(session, "SAVEPOINT part");
        (*part->work)(owner);
        if (!alone) run_on(session, "RELEASE part");
        kept.push_back(part);
      } catch (...) {
        part->error = std::current_exception();
        if (sqlite3_get_autocommit(handle)) {
          transaction_lost = !alone;
        } else if (!alone) {
          try {
            run_on(session, "ROLLBACK TO part");
            run_on(session, "RELEASE part");
          } catch (...) {
            transaction_lost = true;
          }
        }
      }
      owner.active_ = owner.own_.get();
    }
    std::exception_ptr commit_error;
    if (transaction_lost) {
      commit_error = std::make_exception_ptr(RetryableError("the write batch was rolled back; run again"));
    } else if (!kept.empty()) {
      try {
        run_on(session, "COMMIT");
      } catch (...) {
        commit_error = std::current_exception();
      }
    }
    if (!sqlite3_get_autocommit(handle)) sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
    if (commit_error) {
      for (BatchedWrite* part : batch) {
        if (!part->error) part->error = commit_error;
      }
    }
  }


  [[noreturn]] void fail(int rc, std::string_view sql) {
    throw_for(rc, std::string(sqlite3_errmsg(active_->handle.get())) + " [" + std::string(sql.substr(0, 200)) + "]");
  }

  [[noreturn]] static void throw_for(int rc, const std::string& message) {
    switch (rc) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        throw UniqueViolation(message);
      case SQLITE_CONSTRAINT_CHECK:
      case SQLITE_CONSTRAINT_NOTNULL:
      case SQLITE_CONSTRAINT_FOREIGNKEY:
      case SQLITE_CONSTRAINT_TRIGGER:
      case SQLITE_CONSTRAINT:
        throw ConstraintViolation(message);
      default:
        break;
    }
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) throw RetryableError(message);
    if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_NOTADB) throw ConnectionError(message);
    throw Error(message);
  }

  std::unique_ptr<Session> own_;
  Session* active_;  // own_, or the writer's session during a write transaction
  std::shared_ptr<Writer> writer_;
  std::int64_t changes_ = 0;
};

}  // namespace

void set_sqlite_synchronous(SqliteSynchronous mode) { synchronous_mode.store(mode); }

std::unique_ptr<Connection> connect_sqlite(const std::string& path) {
  // SQLite counts every allocation under one global mutex unless told not to
  // (before its first use); the server's threads would queue on it.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace yoyaku::db
