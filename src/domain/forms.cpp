#include "domain/forms.hpp"

#include <algorithm>
#include <set>

#include "domain/search_text.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"

namespace yoyaku::domain {
namespace {

// Text typed in a text area: well-formed UTF-8 without control characters
// other than TAB and line ends. A NUL byte, say, would be cut off silently by
// PostgreSQL's client library and could confuse the staff screens and mail.
bool is_text_area_text(std::string_view text) {
  if (!is_valid_utf8(text)) return false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) return false;
  }
  return true;
}

const std::string phone_format_message =
    "連絡先電話番号は10桁または11桁の数字で、ハイフンを含む、含まないどちらかの形式で入力してください。"
    "例) 012-345-6789 または 0123456789";

}  // namespace

PersonFieldsCheck check_person_fields(const PersonFields& input, PhoneRule phone_rule) {
  PersonFieldsCheck result;
  if (auto v = normalize_name_part(input.family_name)) result.clean.family_name = *v;
  else result.errors["family_name"] = "氏を入力してください（50文字以内）。例) 氏：雇用";
  if (auto v = normalize_name_part(input.given_name)) result.clean.given_name = *v;
  else result.errors["given_name"] = "名を入力してください（50文字以内）。例) 名：太郎";
  if (auto v = normalize_job_seeker_number(input.job_seeker_number)) result.clean.job_seeker_number = *v;
  else result.errors["job_seeker_number"] = "求職番号はハイフンを含めて半角文字14桁で入力してください。例) 12345-12345678";
  if (trim(input.phone).empty()) {
    if (phone_rule == PhoneRule::required) result.errors["phone"] = "連絡先電話番号を入力してください。例) 012-345-6789 または 0123456789";
  } else if (auto v = normalize_phone(input.phone)) {
    result.clean.phone = *v;
  } else {
    result.errors["phone"] = phone_format_message;
  }
  return result;
}

const std::vector<TopicOption>& topic_options() {
  static const std::vector<TopicOption> options = {{"consultation", "職業相談"},
                                                   {"interview_practice", "面接練習"},
                                                   {"document_review", "履歴書、職務経歴書の添削"},
                                                   {"other", "その他"}};
  return options;
}

std::string_view topic_label(std::string_view code) {
  for (const auto& option : topic_options()) {
    if (option.code == code) return option.label;
  }
  return {};
}

BookingDetailsCheck check_booking_details(const BookingDetails& input) {
  BookingDetailsCheck result;
  auto person = check_person_fields(input.person, PhoneRule::optional);
  result.clean.person = person.clean;
  result.errors = person.errors;
  for (const auto& option : topic_options()) {
    if (std::find(input.topics.begin(), input.topics.end(), option.code) != input.topics.end()) {
      result.clean.topics.emplace_back(option.code);
    }
  }
  if (result.clean.topics.size() != std::set<std::string>(input.topics.begin(), input.topics.end()).size()) {
    result.errors["topics"] = "ご相談内容の選択肢から選んでください。";
  }
  result.clean.staff_note = trim(input.staff_note);
  if (!is_text_area_text(result.clean.staff_note)) {
    result.errors["staff_note"] = "ハローワーク職員用項目に使用できない文字が含まれています。";
  } else if (count_code_points(result.clean.staff_note) > staff_note_max) {
    result.errors["staff_note"] = "ハローワーク職員用項目は500文字以内で入力してください。";
  }
  return result;
}

std::string normalise_line_ends(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += '\n';
    } else {
      out += text[i];
    }
  }
  return out;
}

ReasonCheck check_withdrawal_reason(std::string_view reason) {
  ReasonCheck result;
  result.clean = normalise_line_ends(trim(reason));
  if (result.clean.empty()) {
    result.error = "取消事由を入力してください。";
  } else if (!is_text_area_text(result.clean)) {
    result.error = "取消事由に使用できない文字が含まれています。";
  } else {
    result.characters = count_user_characters(result.clean);
    if (result.characters > withdrawal_reason_max) {
      result.error = "取消事由は2000文字以内で入力してください（現在" + std::to_string(result.characters) + "文字）。";
    }
  }
  return result;
}

}  // namespace yoyaku::domain
