#pragma once
// What a job seeker types, checked one way wherever it is typed: 氏名・求職番号・
// 連絡先電話番号 (利用者登録, 利用者情報, STEP5 予約内容の入力, 予約変更), ご相談内容
// and ハローワーク職員用項目 (STEP5), and the 取消事由 of a withdrawal (manual 1.4).
// Messages are the manual's Japanese wording, keyed by the form field's name.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace yoyaku::domain {

using FieldErrors = std::map<std::string, std::string>;

struct PersonFields {
  std::string family_name;        // 氏
  std::string given_name;         // 名 (middle names go here)
  std::string job_seeker_number;  // 求職番号 NNNNN-NNNNNNNN
  std::string phone;              // 連絡先電話番号
};

enum class PhoneRule { required, optional };

// Trims, normalises full-width digits and dashes, and checks each field.
// `clean` holds the normalised values of the fields that passed.
struct PersonFieldsCheck {
  PersonFields clean;
  FieldErrors errors;
};
PersonFieldsCheck check_person_fields(const PersonFields& input, PhoneRule phone_rule);

// ご相談内容 (複数選択可), in the manual's order.
struct TopicOption {
  std::string_view code;
  std::string_view label;
};
const std::vector<TopicOption>& topic_options();
// The label of a topic code, or "" for an unknown code.
std::string_view topic_label(std::string_view code);

inline constexpr std::size_t staff_note_max = 500;

struct BookingDetails {
  PersonFields person;
  std::vector<std::string> topics;  // codes
  std::string staff_note;           // ハローワーク職員用項目
};
struct BookingDetailsCheck {
  BookingDetails clean;  // topics in the manual's order, without duplicates
  FieldErrors errors;
};
// STEP5 and 予約変更: the phone is optional, topics must be known codes,
// the staff note at most 500 characters.
BookingDetailsCheck check_booking_details(const BookingDetails& input);

inline constexpr std::size_t withdrawal_reason_max = 2000;

// CRLF and lone CR become LF, so a line end counts as one character however
// the browser sent it (the page's counter counts LF).
std::string normalise_line_ends(std::string_view text);
// 取消事由: required, valid UTF-8, at most 2,000 characters as the user counts
// them (extended grapheme clusters, like Intl.Segmenter in the page's counter).
struct ReasonCheck {
  std::string clean;  // trimmed, line ends normalised
  std::size_t characters = 0;
  std::string error;  // "" when the reason is fine
};
ReasonCheck check_withdrawal_reason(std::string_view reason);

}  // namespace yoyaku::domain
