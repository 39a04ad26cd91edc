// Prepares a bench database: signed-in job seekers, made straight in the
// database as the tests make them (hashing a thousand passwords would take
// longer than the bench).
//
//   bench_fixture users DB_URL PREFIX COUNT   prints COUNT bearer tokens, one per line
#include <cstdio>
#include <exception>
#include <string>

#include "support/signed_in_users.hpp"

int main(int argc, char** argv) try {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "users" && argc == 5) {
    for (const auto& token : yoyaku::testing::make_signed_in_users(argv[2], argv[3], "12345", std::stoi(argv[4]))) {
      std::printf("%s\n", token.c_str());
    }
    return 0;
  }
  std::fprintf(stderr, "usage: bench_fixture users DB_URL PREFIX COUNT\n");
  return 2;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_fixture: %s\n", e.what());
  return 1;
}
