#include "domain/offices.hpp"

#include <cctype>
#include <stdexcept>

namespace yoyaku::domain {

std::string_view procedure_kind_code(ProcedureKind kind) {
  return kind == ProcedureKind::job_consultation ? "job_consultation" : "unemployment_certification";
}

std::optional<ProcedureKind> parse_procedure_kind(std::string_view code) {
  if (code == "job_consultation") return ProcedureKind::job_consultation;
  if (code == "unemployment_certification") return ProcedureKind::unemployment_certification;
  return std::nullopt;
}

std::string_view procedure_kind_label(ProcedureKind kind) {
  return kind == ProcedureKind::job_consultation ? "職業相談" : "失業認定";
}

std::string_view frame_name_for(ProcedureKind kind) {
  return kind == ProcedureKind::job_consultation ? "オンライン職業相談" : "オンライン失業認定";
}

std::string procedure_title(std::string_view office_code, std::string_view office_name, std::string_view pref_name,
                            ProcedureKind kind) {
  std::string title = "【";
  title.append(office_code).append("】").append(office_name).append("（").append(pref_name).append("） ");
  title.append(procedure_kind_label(kind)).append(" 面談予約");
  return title;
}

bool is_office_code(std::string_view code) {
  if (code.size() != 5) return false;
  for (char c : code) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string demo_office_code(std::string_view pref_code, int sequence_in_prefecture) {
  if (pref_code.size() != 2 || !std::isdigit(static_cast<unsigned char>(pref_code[0])) ||
      !std::isdigit(static_cast<unsigned char>(pref_code[1])) || sequence_in_prefecture < 1 ||
      sequence_in_prefecture > 99) {
    throw std::invalid_argument("demo office code out of range");
  }
  std::string code(pref_code);
  code += '9';
  code += static_cast<char>('0' + sequence_in_prefecture / 10);
  code += static_cast<char>('0' + sequence_in_prefecture % 10);
  return code;
}

bool is_demo_office_code(std::string_view code) { return is_office_code(code) && code[2] == '9'; }

}  // namespace yoyaku::domain

namespace yoyaku::domain {

std::string fill_terms(std::string_view text, const TermsParts& parts) {
  const std::pair<std::string_view, std::string> values[] = {
      {"{{office_name}}", parts.office_name},
      {"{{court}}", parts.court.empty() ? "当ハローワークの所在地を管轄する地方裁判所" : parts.court},
      {"{{terms_date}}", parts.terms_date},
      {"{{terms_issuer}}", parts.terms_issuer}};
  std::string out;
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    auto line_end = text.find('\n', line_start);
    std::string_view line = text.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                                    : line_end - line_start);
    std::string filled(line);
    bool emptied = false;
    for (const auto& [name, value] : values) {
      for (auto at = filled.find(name); at != std::string::npos; at = filled.find(name, at + value.size())) {
        filled.replace(at, name.size(), value);
        emptied = emptied || value.empty();
      }
    }
    // A line that held only an empty part (the date, the issuer) goes.
    if (!(emptied && filled.find_first_not_of(" \t") == std::string::npos)) {
      out += filled;
      if (line_end != std::string_view::npos) out += '\n';
    }
    if (line_end == std::string_view::npos) break;
    line_start = line_end + 1;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace yoyaku::domain
