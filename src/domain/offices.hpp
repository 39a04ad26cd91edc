#pragma once
// Office numbers and procedure names.
#include <optional>
#include <string>
#include <string_view>

namespace yoyaku::domain {

enum class ProcedureKind { job_consultation, unemployment_certification };

std::string_view procedure_kind_code(ProcedureKind kind);            // "job_consultation"
std::optional<ProcedureKind> parse_procedure_kind(std::string_view code);
std::string_view procedure_kind_label(ProcedureKind kind);           // "職業相談" / "失業認定"
std::string_view frame_name_for(ProcedureKind kind);                 // "オンライン職業相談" / "オンライン失業認定"

// 【13040】ハローワーク品川（東京） 職業相談 面談予約
std::string procedure_title(std::string_view office_code, std::string_view office_name, std::string_view pref_name,
                            ProcedureKind kind);

// オンライン職業相談等利用規約: the text is the same for every office; its
// office-specific parts are values of the procedure, put in for
// {{office_name}}, {{court}}, {{terms_date}} and {{terms_issuer}}. Without a
// court the text names the one of the office's seat; without a date or an
// issuer those lines are left out.
struct TermsParts {
  std::string office_name;   // ハローワーク品川
  std::string court;         // 東京地方裁判所
  std::string terms_date;    // 令和5年5月29日
  std::string terms_issuer;  // 品川公共職業安定所長
};
std::string fill_terms(std::string_view text, const TermsParts& parts);

// Whether `code` is a five-digit office number (安定所番号).
bool is_office_code(std::string_view code);

// Offices whose official number is unknown get a demo number: the two-digit
// prefecture code, the digit 9 and a two-digit sequence within the prefecture
// (e.g. 01901). Real numbers never use x9xx, so the two cannot collide.
std::string demo_office_code(std::string_view pref_code, int sequence_in_prefecture);
bool is_demo_office_code(std::string_view code);

}  // namespace yoyaku::domain
