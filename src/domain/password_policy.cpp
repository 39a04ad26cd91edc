#include "domain/password_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/text.hpp"
#include "domain/validation.hpp"

namespace yoyaku::domain {
namespace {

// The most used passwords of public breach lists (10 characters and more,
// since shorter ones are refused anyway), and the words they are built from.
constexpr std::array<std::string_view, 64> common_passwords = {
    "1234567890", "0123456789", "0987654321", "9876543210", "1111111111", "1234512345", "1122334455",
    "1qaz2wsx3edc", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4t5", "qwertyuiop", "qwerty1234", "qwerty12345",
    "qwerty123456", "1234qwer", "1234qwerty", "asdfghjkl", "asdfghjkl;", "zxcvbnm123", "zaq12wsx", "zaq1zaq1",
    "password123", "password1234", "password12", "password1!", "passw0rd123", "p@ssw0rd123", "iloveyou123",
    "iloveyou12", "letmein123", "welcome123", "welcome1234", "admin12345", "administrator", "abcdefghij",
    "abc1234567", "abcd123456", "a123456789", "123456789a", "123456789q", "aaaaaaaaaa", "princess123",
    "sunshine123", "football123", "baseball123", "dragon1234", "monkey1234", "master1234", "superman123",
    "starwars123", "trustno1234", "michael123", "shadow1234", "pokemon123", "naruto1234", "doraemon123",
    "hellowork123", "hellowork1234", "harowa-ku", "konnichiwa", "arigatou123", "sakura1234", "tokyo12345"};

// Words that, followed only by digits and symbols, still make a weak password.
constexpr std::array<std::string_view, 24> weak_stems = {
    "password", "passw0rd", "p@ssw0rd", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "iloveyou",
    "letmein",  "welcome",  "admin",    "hellowork", "harowa",   "yoyaku",  "abc",      "abcd",
    "monkey",   "dragon",   "sakura",   "tokyo",     "nihon",    "japan",   "test",     "guest"};

constexpr std::string_view keyboard_rows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"};

bool is_run(const std::string& text) {
  if (text.size() < 4) return false;
  for (auto row : keyboard_rows) {
    std::string forward(row);
    std::string backward(row.rbegin(), row.rend());
    if (forward.find(text) != std::string::npos || backward.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool is_common_password(std::string_view password) {
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (std::find(common_passwords.begin(), common_passwords.end(), lower) != common_passwords.end()) return true;
  if (!lower.empty() && std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower[0]; })) return true;
  if (is_run(lower)) return true;
  // Strip trailing digits and symbols: "Password2024!" has the stem "password".
  std::string stem = lower;
  while (!stem.empty() && !std::isalpha(static_cast<unsigned char>(stem.back()))) stem.pop_back();
  if (stem.empty()) return true;  // digits and symbols only, e.g. a date
  if (std::find(weak_stems.begin(), weak_stems.end(), stem) != weak_stems.end()) return true;
  return is_run(stem) && stem.size() >= 6;
}

std::optional<std::string> password_problem(std::string_view password, std::string_view email) {
  if (count_code_points(password) < minimum_password_length) {
    return "パスワードは" + std::to_string(minimum_password_length) + "文字以上で入力してください。";
  }
  if (count_code_points(password) > 128) return std::string("パスワードは128文字以内で入力してください。");
  if (!is_valid_utf8(password)) return std::string("パスワードに使用できない文字が含まれています。");
  if (is_common_password(password)) {
    return std::string("このパスワードはよく使われていて推測されやすいため使用できません。別のパスワードを入力してください。");
  }
  std::string lower_email(email);
  std::string lower_password(password);
  std::transform(lower_email.begin(), lower_email.end(), lower_email.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  std::transform(lower_password.begin(), lower_password.end(), lower_password.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  auto local_part = lower_email.substr(0, lower_email.find('@'));
  if (!local_part.empty() && (lower_password == lower_email || lower_password == local_part)) {
    return std::string("メールアドレスと同じパスワードは使用できません。");
  }
  return std::nullopt;
}

}  // namespace yoyaku::domain
