#pragma once
// お知らせ and 利用規約 as staff type them: the checks and the schedule.
// A notice shows from `from` (inclusive) until `until` (exclusive; none =
// no end). Dates and times are typed in JST as "YYYY-MM-DD" and "HH:MM".
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace yoyaku::domain {

constexpr std::size_t notice_title_limit = 100;   // characters
constexpr std::size_t notice_body_limit = 4000;   // characters
constexpr std::size_t terms_text_limit = 40000;   // characters
constexpr std::size_t terms_part_limit = 100;     // court, date, issuer

struct NoticeInput {
  std::string title, body;
  std::string from_date, from_time;    // required
  std::string until_date, until_time;  // both empty: no end; a date alone means 00:00
};

struct CheckedNotice {
  std::map<std::string, std::string> errors;  // field -> Japanese message
  std::string title, body;                    // trimmed
  std::int64_t published_at = 0;
  std::optional<std::int64_t> published_until;
};
CheckedNotice check_notice(const NoticeInput& input);

// Whether a notice with this schedule shows at `now`.
bool notice_visible(std::int64_t published_at, std::optional<std::int64_t> published_until, std::int64_t now);

// The typed form of an instant: "YYYY-MM-DD" and "HH:MM" in JST.
std::string jst_date_input(std::int64_t unix_seconds);
std::string jst_time_input(std::int64_t unix_seconds);

struct TermsInput {
  std::string text, court, terms_date, issuer;
};
struct CheckedTerms {
  std::map<std::string, std::string> errors;
  TermsInput clean;  // trimmed (the text keeps its inner lines)
};
CheckedTerms check_terms(const TermsInput& input);

}  // namespace yoyaku::domain
