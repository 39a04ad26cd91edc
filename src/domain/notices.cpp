#include "domain/notices.hpp"

#include "domain/dates.hpp"
#include "domain/text.hpp"

namespace yoyaku::domain {
namespace {

// A JST date and time typed in two inputs; nullopt with a message in `error` when wrong.
std::optional<std::int64_t> instant_of(const std::string& date_text, const std::string& time_text, bool required,
                                       const std::string& what, std::string& error) {
  const std::string date = trim(date_text);
  const std::string time = trim(time_text);
  if (date.empty() && time.empty()) {
    if (required) error = what + "の日付を入力してください。";
    return std::nullopt;
  }
  auto day = parse_iso_date(date);
  if (!day) {
    error = what + "の日付を「2026-04-01」の形で入力してください。";
    return std::nullopt;
  }
  int minute = 0;
  if (!time.empty()) {
    auto parsed = parse_hh_mm(time);
    if (!parsed) {
      error = what + "の時刻を「09:00」の形で入力してください。";
      return std::nullopt;
    }
    minute = *parsed;
  }
  return from_jst(*day, minute / 60, minute % 60);
}

}  // namespace

CheckedNotice check_notice(const NoticeInput& input) {
  CheckedNotice out;
  out.title = trim(input.title);
  out.body = trim(input.body);
  if (out.title.empty()) {
    out.errors["title"] = "件名を入力してください。";
  } else if (count_code_points(out.title) > notice_title_limit) {
    out.errors["title"] = "件名は" + std::to_string(notice_title_limit) + "文字以内で入力してください。";
  }
  if (out.body.empty()) {
    out.errors["body"] = "本文を入力してください。";
  } else if (count_code_points(out.body) > notice_body_limit) {
    out.errors["body"] = "本文は" + std::to_string(notice_body_limit) + "文字以内で入力してください。";
  }
  std::string error;
  auto from = instant_of(input.from_date, input.from_time, true, "掲載開始", error);
  if (!error.empty()) out.errors["published_at"] = error;
  error.clear();
  out.published_until = instant_of(input.until_date, input.until_time, false, "掲載終了", error);
  if (!error.empty()) out.errors["published_until"] = error;
  if (from) out.published_at = *from;
  if (from && out.published_until && *out.published_until <= *from) {
    out.errors["published_until"] = "掲載終了は掲載開始より後の日時を入力してください。";
  }
  return out;
}

bool notice_visible(std::int64_t published_at, std::optional<std::int64_t> published_until, std::int64_t now) {
  return published_at <= now && (!published_until || now < *published_until);
}

std::string jst_date_input(std::int64_t unix_seconds) { return to_iso(jst_date_of(unix_seconds)); }

std::string jst_time_input(std::int64_t unix_seconds) {
  auto t = to_jst(unix_seconds);
  return format_hh_mm(t.hour * 60 + t.minute);
}

CheckedTerms check_terms(const TermsInput& input) {
  CheckedTerms out;
  out.clean = {trim(input.text), trim(input.court), trim(input.terms_date), trim(input.issuer)};
  if (out.clean.text.empty()) {
    out.errors["text"] = "利用規約の本文を入力してください。";
  } else if (count_code_points(out.clean.text) > terms_text_limit) {
    out.errors["text"] = "利用規約の本文は" + std::to_string(terms_text_limit) + "文字以内で入力してください。";
  }
  auto part = [&](const std::string& value, const char* field, const std::string& label) {
    if (value.empty()) {
      out.errors[field] = label + "を入力してください。";
    } else if (count_code_points(value) > terms_part_limit) {
      out.errors[field] = label + "は" + std::to_string(terms_part_limit) + "文字以内で入力してください。";
    }
  };
  part(out.clean.court, "court", "合意管轄裁判所");
  part(out.clean.terms_date, "terms_date", "制定・改定日");
  part(out.clean.issuer, "issuer", "発行者");
  return out;
}

}  // namespace yoyaku::domain
