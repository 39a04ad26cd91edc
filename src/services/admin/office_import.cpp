#include "services/admin/office_import.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/csv.hpp"
#include "domain/office_contact.hpp"
#include "domain/offices.hpp"
#include "domain/text.hpp"
#include "services/common/errors.hpp"
#include "store/catalog.hpp"

namespace yoyaku::services {
namespace {

const std::vector<std::string> required_columns = {
    "office_name", "short_name", "reading",    "kind",       "parent_short_name",
    "pref_code",   "pref_name",  "municipalities", "muni_codes", "office_code"};

// The optional contact columns: the CSV column, the contact field, its label in the report.
struct ContactColumn {
  const char* column;
  std::string domain::OfficeContact::*field;
  const char* label;
};
const ContactColumn contact_columns[] = {
    {"postal_code", &domain::OfficeContact::postal_code, "郵便番号"},
    {"address", &domain::OfficeContact::address, "所在地"},
    {"phone", &domain::OfficeContact::phone, "電話番号"},
    {"consultation_phone", &domain::OfficeContact::consultation_phone, "職業相談の電話番号"},
    {"fax", &domain::OfficeContact::fax, "FAX"},
    {"hours", &domain::OfficeContact::opening_hours, "開庁時間"},
    {"map_url", &domain::OfficeContact::map_url, "地図"},
};

[[noreturn]] void bad_row(std::size_t line, const std::string& what) {
  std::string message = std::to_string(line) + "行目: " + what;
  throw ValidationError(message, {{"file", message}});
}

bool same_office(const store::Office& existing, const store::OfficeUpsert& row) {
  return existing.code == row.code && existing.code_is_demo == row.code_is_demo &&
         existing.short_name == row.short_name && existing.reading == row.reading && existing.kind == row.kind &&
         existing.parent_id == row.parent_id && existing.pref_name == row.pref_name &&
         existing.municipalities == row.municipalities && existing.muni_codes == row.muni_codes;
}

using Columns = std::map<std::string, std::size_t>;

// Applies a row's non-empty contact cells to the office; records each changed field.
void import_contact(db::Connection& c, const store::Office& office, const std::vector<std::string>& rec,
                    const Columns& column, std::size_t line, std::int64_t now, OfficeImportResult& result) {
  domain::OfficeContact contact = office;
  bool any = false;
  for (const auto& cc : contact_columns) {
    auto at = column.find(cc.column);
    if (at == column.end() || at->second >= rec.size()) continue;
    std::string cell = domain::trim(rec[at->second]);
    if (cell.empty()) continue;
    if (!domain::is_valid_utf8(cell)) bad_row(line, "UTF-8として読めない文字があります（" + std::string(cc.label) + "）");
    contact.*cc.field = cell;
    any = true;
  }
  if (!any) return;
  auto errors = domain::normalize_office_contact(contact);
  if (!errors.empty()) bad_row(line, errors.begin()->second);
  bool changed = false;
  const domain::OfficeContact& before = office;
  for (const auto& cc : contact_columns) {
    if (before.*cc.field == contact.*cc.field) continue;
    changed = true;
    result.changes.push_back(office.code + " " + office.name + ": " + cc.label + " 「" + before.*cc.field + "」 → 「" +
                             contact.*cc.field + "」");
  }
  if (!changed) return;
  store::set_office_contact(c, office.id, contact, now);
  ++result.contacts_updated;
}

// The official list's contact data for offices already imported, matched by office_code.
OfficeImportResult import_contacts_only(db::Connection& connection, const std::vector<std::vector<std::string>>& records,
                                        const std::vector<std::size_t>& lines, const Columns& column, std::int64_t now) {
  return db::in_transaction(connection, true, [&](db::Connection& c) {
    OfficeImportResult result;
    std::set<std::string> seen;
    for (std::size_t r = 1; r < records.size(); ++r) {
      const auto& rec = records[r];
      const std::size_t line = lines[r];
      std::size_t at = column.at("office_code");
      std::string code = at < rec.size() ? domain::trim(rec[at]) : std::string();
      if (code.empty()) bad_row(line, "office_code は必須です");
      if (!seen.insert(code).second) bad_row(line, "同じ安定所番号が重複しています: " + code);
      auto office = store::find_office_by_code(c, code);
      if (!office) bad_row(line, "安定所番号 " + code + " の安定所はありません（先に安定所の一覧を取り込んでください）");
      ++result.rows;
      int before = result.contacts_updated;
      import_contact(c, *office, rec, column, line, now, result);
      ++(result.contacts_updated > before ? result.updated : result.unchanged);
    }
    return result;
  });
}

}  // namespace

OfficeImportResult import_offices_csv(db::Connection& connection, std::string_view csv_text, std::int64_t now) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> lines;  // the file's line of each record, for messages
  try {
    records = domain::parse_csv(csv_text, &lines);
  } catch (const domain::CsvError& e) {
    throw ValidationError(std::string("CSVの形式が正しくありません: ") + e.what(), {{"file", e.what()}});
  }
  if (records.empty()) throw ValidationError("CSVが空です", {{"file", "empty"}});
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < records[0].size(); ++i) column[domain::trim(records[0][i])] = i;
  const bool has_contact_column = std::any_of(std::begin(contact_columns), std::end(contact_columns),
                                              [&](const ContactColumn& cc) { return column.count(cc.column) > 0; });
  if (column.count("office_code") && has_contact_column && !column.count("office_name")) {
    return import_contacts_only(connection, records, lines, column, now);
  }
  for (const auto& name : required_columns) {
    if (!column.count(name)) throw ValidationError("CSVに列 " + name + " がありません", {{"file", name}});
  }

  return db::in_transaction(connection, true, [&](db::Connection& c) {
    OfficeImportResult result;
    std::map<std::string, int> demo_sequence;                       // per prefecture
    std::map<std::pair<std::string, std::string>, std::int64_t> main_office_by_short_name;
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t r = 1; r < records.size(); ++r) {
      const auto& rec = records[r];
      const std::size_t line = lines[r];
      auto field = [&](const std::string& name) -> std::string {
        std::size_t i = column.at(name);
        return i < rec.size() ? domain::trim(rec[i]) : std::string();
      };
      store::OfficeUpsert row;
      row.name = field("office_name");
      row.short_name = field("short_name");
      row.reading = field("reading");
      row.kind = field("kind");
      row.pref_code = field("pref_code");
      row.pref_name = field("pref_name");
      row.municipalities = field("municipalities");
      row.muni_codes = field("muni_codes");
      std::string official_code = field("office_code");
      std::string parent_short_name = field("parent_short_name");

      for (const auto& text : {row.name, row.short_name, row.reading, row.pref_name, row.municipalities}) {
        if (!domain::is_valid_utf8(text)) bad_row(line, "UTF-8として読めない文字があります");
      }
      if (row.name.empty() || row.short_name.empty()) bad_row(line, "office_name と short_name は必須です");
      if (row.kind != "本所" && row.kind != "出張所" && row.kind != "分室") {
        bad_row(line, "kind は 本所・出張所・分室 のいずれかです: " + row.kind);
      }
      if (row.pref_code.size() != 2 || !std::isdigit(static_cast<unsigned char>(row.pref_code[0])) ||
          !std::isdigit(static_cast<unsigned char>(row.pref_code[1])) || row.pref_name.empty()) {
        bad_row(line, "pref_code（2桁）と pref_name は必須です");
      }
      if (!official_code.empty() && (!domain::is_office_code(official_code) ||
                                     domain::is_demo_office_code(official_code))) {
        bad_row(line, "office_code は5桁の安定所番号です（3桁目が9の番号はデモ用に予約されています）: " +
                          official_code);
      }
      if (!seen.insert({row.pref_code, row.name}).second) bad_row(line, "同じ安定所が重複しています: " + row.name);

      int sequence = ++demo_sequence[row.pref_code];
      if (row.kind == "本所") {
        if (!parent_short_name.empty()) bad_row(line, "本所に parent_short_name は指定できません");
      } else {
        auto parent = main_office_by_short_name.find({row.pref_code, parent_short_name});
        if (parent != main_office_by_short_name.end()) {
          row.parent_id = parent->second;
        } else if (auto imported = store::find_main_office(c, row.pref_code, parent_short_name)) {
          row.parent_id = imported->id;  // a partial list: the parent was imported before
        } else {
          bad_row(line, "親の本所（" + parent_short_name + "）がこの行より前にも、取込み済みの安定所にもありません");
        }
      }

      auto existing = store::find_office_by_name(c, row.pref_code, row.name);
      if (!official_code.empty()) {
        row.code = official_code;
        row.code_is_demo = false;
      } else if (existing) {
        row.code = existing->code;  // keep the number given earlier, official or demo
        row.code_is_demo = existing->code_is_demo;
      } else {
        // A new office: its place in the list, or (a partial list) the next number nobody holds.
        auto held_by_another = [&](int n) {
          auto holder = store::find_office_by_code(c, domain::demo_office_code(row.pref_code, n));
          return holder && !(holder->pref_code == row.pref_code && holder->name == row.name);
        };
        while (sequence <= 99 && held_by_another(sequence)) ++sequence;
        if (sequence > 99) bad_row(line, "デモ用の安定所番号が足りません（都道府県あたり99か所まで）");
        row.code = domain::demo_office_code(row.pref_code, sequence);
        row.code_is_demo = true;
      }
      if (auto holder = store::find_office_by_code(c, row.code);
          holder && !(holder->pref_code == row.pref_code && holder->name == row.name)) {
        bad_row(line, "安定所番号 " + row.code + " は " + holder->name + " が使用しています");
      }

      std::int64_t id = 0;
      ++result.rows;
      if (existing && same_office(*existing, row)) {
        id = existing->id;
        ++result.unchanged;
      } else {
        id = store::upsert_office(c, row, now);
        ++(existing ? result.updated : result.inserted);
      }
      if (row.kind == "本所") main_office_by_short_name[{row.pref_code, row.short_name}] = id;
      if (has_contact_column) {
        int before = result.contacts_updated;
        import_contact(c, *store::find_office(c, id), rec, column, line, now, result);
        if (result.contacts_updated > before && existing && same_office(*existing, row)) {
          --result.unchanged;  // only its contact data changed
          ++result.updated;
        }
      }

      if (existing && existing->code != row.code) {
        for (const auto& procedure : store::procedures_of_office(c, id)) {
          auto kind = domain::parse_procedure_kind(procedure.kind);
          if (!kind) continue;
          std::string old_title = domain::procedure_title(existing->code, existing->name, existing->pref_name, *kind);
          if (procedure.title != old_title) continue;  // renamed by staff: leave it
          store::update_procedure_title(c, procedure.id,
                                        domain::procedure_title(row.code, row.name, row.pref_name, *kind), now);
          ++result.procedures_renamed;
        }
      }
    }
    return result;
  });
}

}  // namespace yoyaku::services
