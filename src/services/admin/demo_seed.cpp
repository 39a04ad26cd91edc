#include "services/admin/demo_seed.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>

#include "domain/offices.hpp"
#include "domain/text.hpp"
#include "services/admin/demo_bookings.hpp"
#include "services/identity/accounts.hpp"
#include "services/common/errors.hpp"
#include "store/accounts.hpp"
#include "store/catalog.hpp"
#include "store/notices.hpp"
#include "store/terms.hpp"
#include "util/embedded_files.hpp"

namespace yoyaku::services {
namespace {

// Unix seconds of a JST wall-clock time.
std::int64_t jst(int year, unsigned month, unsigned day, int hour, int minute) {
  using namespace std::chrono;
  auto days = sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return duration_cast<seconds>(days.time_since_epoch()).count() + (hour - 9) * 3600 + minute * 60;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

std::string demo_text(std::string_view path) {
  auto file = embedded_file(path);
  if (!file) throw std::runtime_error("missing embedded file " + std::string(path));
  return std::string(*file);
}

// Prefectures whose main offices also offer 失業認定 面談予約 in the demo:
// 北海道, 東京, 大阪, 福岡.
const std::set<std::string> unemployment_certification_prefectures = {"01", "13", "27", "40"};

constexpr const char* help_desk_phone = "0120 860901";  // manual STEP2 問い合わせ先

// The district court of a prefecture's seat (demo data: an office's own
// court may be another one within the prefecture).
std::string district_court_of(const std::string& pref_code) {
  static const char* const seats[] = {
      "札幌", "青森", "盛岡", "仙台", "秋田", "山形", "福島", "水戸", "宇都宮", "前橋", "さいたま", "千葉",
      "東京", "横浜", "新潟", "富山", "金沢", "福井", "甲府", "長野", "岐阜", "静岡", "名古屋", "津",
      "大津", "京都", "大阪", "神戸", "奈良", "和歌山", "鳥取", "松江", "岡山", "広島", "山口", "徳島",
      "高松", "松山", "高知", "福岡", "佐賀", "長崎", "熊本", "大分", "宮崎", "鹿児島", "那覇"};
  int code = std::atoi(pref_code.c_str());
  if (code < 1 || code > 47) return "";
  return std::string(seats[code - 1]) + "地方裁判所";
}

}  // namespace

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> accounts = {
      {"求職者", "koyou.taro@example.jp", "demo-password-2024", ""},
      {"職員（ハローワーク品川 13040）", "staff.shinagawa@example.jp", "staff-password-2024",
       "DEMOSTAFFSHINAGAWAKEYFORDEMOONLY"},
      {"管理者", "admin@example.jp", "admin-password-2024", "DEMOADMINISTRATORKEYFORDEMOONLYX"},
  };
  return accounts;
}

DemoSeedResult seed_demo(db::Connection& connection, std::int64_t now, bool with_bookings) {
  const std::string terms_template = demo_text("templates/demo/terms.mustache");
  const std::string description_template = demo_text("templates/demo/description.mustache");
  DemoSeedResult result;

  db::in_transaction(connection, true, [&](db::Connection& c) {
    result = {};
    const auto offices = store::list_offices(c);
    if (offices.empty()) {
      throw ValidationError("安定所のデータがありません。先に yoyaku import-offices FILE.csv を実行してください。",
                            {{"offices", "empty"}});
    }
    for (const auto& office : offices) {
      auto facilities = store::facilities_of_office(c, office.id);
      std::int64_t facility_id = 0;
      if (facilities.empty()) {
        store::Facility facility;
        facility.office_id = office.id;
        facility.name = office.name;
        // The office list has no street addresses: the demo shows the area served.
        facility.address = office.pref_name + "（管轄：" + office.municipalities + "）";
        facility.opening_hours = "月～金 8:30～17:15（土・日・祝日・年末年始を除く）";
        facility.map_url = "https://www.google.com/maps/search/?api=1&query=" +
                           domain::url_encode(office.name + " " + office.pref_name);
        facility_id = store::upsert_facility(c, facility);
        ++result.facilities_created;
      } else {
        facility_id = facilities.front().id;
      }

      std::vector<domain::ProcedureKind> kinds = {domain::ProcedureKind::job_consultation};
      if (office.kind == "本所" && unemployment_certification_prefectures.count(office.pref_code)) {
        kinds.push_back(domain::ProcedureKind::unemployment_certification);
      }
      auto existing = store::procedures_of_office(c, office.id);
      for (auto kind : kinds) {
        const std::string kind_code(domain::procedure_kind_code(kind));
        bool present = false;
        for (const auto& p : existing) present = present || p.kind == kind_code;
        if (present) continue;
        store::Procedure procedure;
        procedure.office_id = office.id;
        procedure.kind = kind_code;
        procedure.title = domain::procedure_title(office.code, office.name, office.pref_name, kind);
        procedure.description =
            replace_all(description_template, "{{kind_label}}", domain::procedure_kind_label(kind));
        // The leaflet's terms (令和5年5月29日), with this office's parts as values.
        procedure.terms = terms_template;
        procedure.terms_court = district_court_of(office.pref_code);
        procedure.terms_date = "令和5年5月29日";
        procedure.terms_issuer = office.short_name + (office.kind == "本所" ? "公共職業安定所長" : office.kind + "長");
        procedure.contact_name = "ヘルプデスク";
        procedure.contact_phone = help_desk_phone;
        // 受付開始 per the manual for the main offices; branches and 失業認定 later.
        procedure.reception_start_at = kind == domain::ProcedureKind::unemployment_certification ? jst(2025, 1, 27, 8, 0)
                                       : office.kind == "本所"                                  ? jst(2024, 8, 1, 8, 0)
                                                                                                : jst(2024, 10, 1, 8, 0);
        std::int64_t procedure_id = store::upsert_procedure(c, procedure, now);
        ++result.procedures_created;
        {
          // 第1版 of the new procedure's terms, in force since reception opened (as the migration
          // copied them for procedures older than versioning).
          store::TermsVersion terms;
          terms.procedure_id = procedure_id;
          terms.text = procedure.terms;
          terms.court = procedure.terms_court;
          terms.terms_date = procedure.terms_date;
          terms.issuer = procedure.terms_issuer;
          terms.published_at = std::min(now, procedure.reception_start_at);
          store::insert_terms_version(c, terms);
        }

        store::ReservationFrame frame;
        frame.procedure_id = procedure_id;
        frame.facility_id = facility_id;
        frame.name = std::string(domain::frame_name_for(kind));
        frame.weekdays = 0b0111110;  // Monday–Friday
        frame.first_start_minute = 10 * 60;
        frame.last_start_minute = 15 * 60;  // leaflet: 対応時間 10:00～15:30, 30 minutes each
        frame.interval_minutes = 30;
        frame.slot_minutes = 30;
        frame.seats = 2;
        store::upsert_frame(c, frame);
        ++result.frames_created;
      }
    }

    const std::string notice_title = "面談予約サービスについて";
    if (!store::find_notice_by_title(c, notice_title)) {
      store::Notice notice;
      notice.title = notice_title;
      notice.body =
          "このシステムにより、オンラインによる失業認定または職業相談の面談・相談予約を行うことができます。\n"
          "なお、オンラインによる失業認定の対象者は、以下の方となります。\n"
          "・失業認定申告書の電子申請にオンライン面談が必要な対象者\n"
          "・オンライン面談は実施せず、失業認定申告書の電子申請のみが必要な就職支援プログラム対象者\n"
          "\n"
          "↓よくあるご質問↓\n"
          "https://www.mhlw.go.jp/content/11600000/001121514.pdf";
      notice.published_at = jst(2024, 8, 5, 9, 0);
      store::insert_notice(c, notice, now);
      ++result.notices_created;
    }
  });

  // Accounts are created through the same use cases as the operator commands.
  const auto& accounts = demo_accounts();
  if (!db::in_transaction(connection, false,
                          [&](db::Connection& c) { return store::find_user_by_email(c, accounts[0].email); })) {
    create_verified_user(connection,
                         {accounts[0].email, std::nullopt, accounts[0].password, "雇用", "太郎", "12345-12345678",
                          "0123456789"},
                         now);
    ++result.accounts_created;
  }
  for (std::size_t i = 1; i < accounts.size(); ++i) {
    bool exists = db::in_transaction(connection, false, [&](db::Connection& c) {
      return store::find_staff_by_email(c, accounts[i].email).has_value();
    });
    if (exists) continue;
    NewStaffMember staff;
    staff.email = accounts[i].email;
    staff.password = accounts[i].password;
    staff.is_admin = i == 2;
    staff.display_name = staff.is_admin ? "管理者" : "品川 職員";
    staff.totp_secret = accounts[i].totp_secret;
    if (!staff.is_admin) {
      staff.office_codes = {"13040"};
      staff.office_roles = {StaffRole::manage};  // the demo shows the office's settings too
    }
    create_staff_member(connection, staff, now);
    ++result.accounts_created;
  }
  if (!with_bookings) return result;
  result.bookings_created = db::in_transaction(connection, true, [&](db::Connection& c) {
    auto user = store::find_user_by_email(c, accounts[0].email);
    auto staff = store::find_staff_by_email(c, accounts[1].email);
    return user && staff ? seed_demo_bookings(c, user->id, staff->id, now) : 0;
  });
  return result;
}

}  // namespace yoyaku::services
