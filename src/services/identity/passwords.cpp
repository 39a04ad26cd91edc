#include "services/identity/passwords.hpp"

#include <pwquality.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <stdexcept>

#include "domain/password_policy.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
std::string hash_password(std::string_view password) {
  ensure_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return hash;
}

bool verify_password(std::string_view password, const std::string& hash) {
  ensure_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> new_password_problem(const std::string& password, const std::string& email) {
  if (auto problem = domain::password_problem(password, email)) return problem;
  // cracklib keeps state between calls; registrations are rare enough to take turns.
  static std::mutex checker_mutex;
  std::lock_guard lock(checker_mutex);
  static const std::unique_ptr<pwquality_settings_t, void (*)(pwquality_settings_t*)> settings = [] {
    // The library's defaults, not /etc/security/pwquality.conf: the same rules on every machine.
    std::unique_ptr<pwquality_settings_t, void (*)(pwquality_settings_t*)> made(pwquality_default_settings(),
                                                                              pwquality_free_settings);
    if (made) pwquality_set_int_value(made.get(), PWQ_SETTING_MIN_LENGTH, 10);
    return made;
  }();
  if (!settings) return std::nullopt;
  void* detail = nullptr;
  const std::string user = email.substr(0, email.find('@'));
  const int score = pwquality_check(settings.get(), password.c_str(), nullptr, user.empty() ? nullptr : user.c_str(),
                                    &detail);
  std::string detail_text;
  if (detail) {
    char buffer[256];
    detail_text = pwquality_strerror(buffer, sizeof buffer, score, detail);
  }
  switch (score) {
    case PWQ_ERROR_CRACKLIB_CHECK:
      if (detail_text.find("dictionary") != std::string::npos && detail_text.find("error") != std::string::npos) {
        spdlog::warn("password dictionary unavailable ({}): install cracklib-runtime", detail_text);
        return std::nullopt;  // the checker is missing, not the password weak
      }
      return std::string("辞書に載っている単語や単純な並びをもとにしたパスワードは推測されやすいため使用できません。別のパスワードを入力してください。");
    case PWQ_ERROR_PALINDROME:
    case PWQ_ERROR_MAX_CONSECUTIVE:
    case PWQ_ERROR_MAX_SEQUENCE:
    case PWQ_ERROR_MAX_CLASS_REPEAT:
      return std::string("同じ文字の繰り返しや単純な並びのパスワードは使用できません。別のパスワードを入力してください。");
    case PWQ_ERROR_USER_CHECK:
      return std::string("メールアドレスを含むパスワードは使用できません。");
    default:
      return std::nullopt;  // a score, or a fault of the checker itself
  }
}

}  // namespace yoyaku::services
