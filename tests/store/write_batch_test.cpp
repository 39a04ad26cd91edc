// SQLite's group commit: the write transactions of a process's threads are
// run one batch at a time on the file's single writer, each in a savepoint of
// its own, and committed together. Nothing may be lost or applied twice, and
// one part's failure must undo that part only. The checkpointer must keep
// the WAL from growing under a steady stream of writes.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>  // gettid

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::testing {
namespace {

using namespace std::chrono_literals;

class WriteBatchTest : public ::testing::Test {
 protected:
  WriteBatchTest() {
    std::filesystem::create_directories(dir_);
    auto c = connect();
    c->execute_script(
        "CREATE TABLE counter (n INTEGER NOT NULL);"
        "INSERT INTO counter VALUES (0);"
        "CREATE TABLE items (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '');"
        "CREATE UNIQUE INDEX items_owner ON items(owner);");
  }
  ~WriteBatchTest() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<db::Connection> connect() { return db::connect("sqlite:" + path_.string()); }
  std::int64_t count(const std::string& sql) { return connect()->query_one(sql)->integer(0); }

  // Holds the writer with a transaction of its own while `queue` starts
  // threads, so that their writes wait together and go in one batch.
  void while_the_writer_is_held(const std::function<void(std::vector<std::thread>&)>& queue) {
    auto holder = connect();
    holder->begin(true);
    std::vector<std::thread> threads;
    queue(threads);
    std::this_thread::sleep_for(300ms);  // let them reach the queue
    holder->commit();
    for (auto& thread : threads) thread.join();
  }

  std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("yoyaku-write-batch-" + std::to_string(::getpid()));
  std::filesystem::path path_ = dir_ / "batch.db";
};

TEST_F(WriteBatchTest, ManyThreadsWritingAtOnceLoseNothingAndApplyNothingTwice) {
  constexpr int threads = 16;
  constexpr int writes = 100;
  std::vector<std::thread> writers;
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&, t] {
      auto c = connect();
      for (int i = 0; i < writes; ++i) {
        db::in_transaction(*c, true, [&](db::Connection& w) {
          w.query("UPDATE counter SET n = n + 1");
          w.query("INSERT INTO items (owner) VALUES (?)", {std::to_string(t) + "-" + std::to_string(i)});
        });
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(count("SELECT n FROM counter"), threads * writes);
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), threads * writes);
}

TEST_F(WriteBatchTest, APartThatThrowsIsUndoneAndTheOthersCommit) {
  std::atomic<int> failures{0};
  std::atomic<int> successes{0};
  while_the_writer_is_held([&](std::vector<std::thread>& threads) {
    for (int t = 0; t < 6; ++t) {
      threads.emplace_back([&, t] {
        auto c = connect();
        try {
          db::in_transaction(*c, true, [&](db::Connection& w) {
            w.query("INSERT INTO items (owner) VALUES (?)", {"part-" + std::to_string(t)});
            w.query("UPDATE counter SET n = n + 1");
            if (t % 2 == 1) throw std::runtime_error("refused");
          });
          ++successes;
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "refused");
          ++failures;
        }
      });
    }
  });
  EXPECT_EQ(successes, 3);
  EXPECT_EQ(failures, 3);
  EXPECT_EQ(count("SELECT n FROM counter"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM items WHERE owner IN ('part-0', 'part-2', 'part-4')"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM items WHERE owner IN ('part-1', 'part-3', 'part-5')"), 0);
}

TEST_F(WriteBatchTest, AConstraintViolationReachesItsOwnCallerOnly) {
  connect()->query("INSERT INTO items (owner) VALUES ('taken')");
  std::atomic<int> violations{0};
  std::atomic<int> successes{0};
  while_the_writer_is_held([&](std::vector<std::thread>& threads) {
    for (const std::string owner : {"first", "taken", "second"}) {
      threads.emplace_back([&, owner] {
        auto c = connect();
        try {
          db::in_transaction(*c, true, [&](db::Connection& w) {
            w.query("UPDATE counter SET n = n + 1");
            w.query("INSERT INTO items (owner) VALUES (?)", {owner});
          });
          ++successes;
        } catch (const db::UniqueViolation&) {
          ++violations;
        }
      });
    }
  });
  EXPECT_EQ(violations, 1);
  EXPECT_EQ(successes, 2);
  EXPECT_EQ(count("SELECT n FROM counter"), 2);  // the refused part's update went with it
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 3);
}

TEST_F(WriteBatchTest, APartSeesTheChangesOfThePartsBeforeItAsIfTheyHadCommitted) {
  // Each part reads the counter and writes it back plus one: with parts in
  // one transaction, a part that did not see the earlier ones would lose them.
  while_the_writer_is_held([&](std::vector<std::thread>& threads) {
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        auto c = connect();
        db::in_transaction(*c, true, [&](db::Connection& w) {
          auto n = w.query_one("SELECT n FROM counter")->integer(0);
          w.query("UPDATE counter SET n = ?", {n + 1});
        });
      });
    }
  });
  EXPECT_EQ(count("SELECT n FROM counter"), 8);
}

// The nice value of each of this process's threads named `name`.
std::vector<int> nice_of_threads_named(const std::string& name) {
  std::vector<int> nices;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string thread_name;
    std::getline(comm, thread_name);
    if (thread_name != name) continue;
    std::ifstream stat(task.path() / "stat");
    std::string line;
    std::getline(stat, line);
    std::istringstream fields(line.substr(line.rfind(')') + 2));  // after "pid (comm) "
    std::string field;
    for (int i = 3; i <= 19 && fields >> field; ++i) {
      if (i == 19) nices.push_back(std::stoi(field));
    }
  }
  return nices;
}

TEST_F(WriteBatchTest, TheWritersThreadsAreNamedAndFavouredWhenThePlatformAllowsIt) {
  auto c = connect();
  db::in_transaction(*c, true, [](db::Connection& w) { w.query("UPDATE counter SET n = n + 1"); });
  const int process_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(getpid()));
  const int favoured = std::max(-20, process_nice - 10);
  // Whether this process may lower a thread's nice value (CAP_SYS_NICE or RLIMIT_NICE): asked of a thread of its own.
  bool may_lower = false;
  std::thread([&] { may_lower = setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), favoured) == 0; }).join();
  const int expected = may_lower ? favoured : process_nice;
  for (const char* name : {"sqlite-writer", "sqlite-checkpt"}) {
    // The checkpointer starts with the writer's session and names itself on its own thread.
    auto nices = nice_of_threads_named(name);
    for (int tries = 0; nices.empty() && tries < 500; ++tries) {
      std::this_thread::sleep_for(10ms);
      nices = nice_of_threads_named(name);
    }
    ASSERT_FALSE(nices.empty()) << "no thread named " << name;
    for (int nice : nices) EXPECT_EQ(nice, expected) << name;
  }
}

TEST_F(WriteBatchTest, TheWalStaysSmallUnderASteadyStreamOfWrites) {
  // 40 MB written in 10,000 small transactions by 4 threads while readers keep
  // reading: the checkpointer must catch up with the writer now and then for
  // the WAL to start again from its beginning (it never shrinks, so its size
  // is the most it held at once).
  const std::string payload(4000, 'x');
  auto keeper = connect();  // the last connection to close removes the WAL
  std::atomic<bool> writing{true};
  std::thread reader([&] {
    auto c = connect();
    while (writing) db::in_transaction(*c, false, [](db::Connection& r) { r.query("SELECT COUNT(*) FROM items"); });
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      auto c = connect();
      for (int i = 0; i < 2500; ++i) {
        db::in_transaction(*c, true, [&](db::Connection& w) {
          w.query("INSERT INTO items (owner, payload) VALUES (?, ?)",
                  {std::to_string(t) + "-" + std::to_string(i), payload});
        });
      }
    });
  }
  for (auto& writer : writers) writer.join();
  writing = false;
  reader.join();
  EXPECT_EQ(count("SELECT COUNT(*) FROM items"), 10000);
  const auto wal_bytes = std::filesystem::file_size(path_.string() + "-wal");
  EXPECT_LT(wal_bytes, 36u * 1024 * 1024) << "the WAL grew to " << wal_bytes << " bytes";
}

}  // namespace
}  // namespace yoyaku::testing
