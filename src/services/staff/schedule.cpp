#include "services/staff/schedule.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "domain/booking_ids.hpp"
#include "domain/booking_window.hpp"
#include "domain/holidays.hpp"
#include "domain/text.hpp"
#include "services/common/errors.hpp"
#include "services/common/scope.hpp"
#include "services/public/booking_internal.hpp"
#include "store/audit.hpp"
#include "store/closures.hpp"
#include "store/reservations.hpp"

namespace yoyaku::services {
namespace {

store::Office office_in_scope(db::Connection& c, const Principal& principal, const std::string& office_code) {
  if (!principal.is_staff()) throw NotFoundError("指定された安定所はありません。");
  auto office = store::find_office_in_scope(c, office_code, scope_of(principal));
  if (!office) throw NotFoundError("指定された安定所はありません。");
  return *office;
}

void audit_view(db::Connection& c, const Principal& principal, const store::Office& office, const std::string& action,
                const std::string& detail, const Client& client, std::int64_t now) {
  store::append_audit(c, {now, "staff", principal.id, action, "office", office.code, office.id, client.ip, detail});
}

// The export's range as typed: real dates, in order, at most max_export_days.
std::pair<domain::Date, domain::Date> export_range(const std::string& from_text, const std::string& to_text) {
  std::map<std::string, std::string> errors;
  const auto from = domain::parse_iso_date(domain::trim(from_text));
  const auto to = domain::parse_iso_date(domain::trim(to_text));
  if (!from) errors["from"] = "開始日を 2026-12-01 のように年-月-日で指定してください。";
  if (!to) errors["to"] = "終了日を 2026-12-07 のように年-月-日で指定してください。";
  if (from && to && *to < *from) errors["to"] = "終了日は開始日以降の日付にしてください。";
  if (from && to && !(*to < *from) && domain::days_between(*from, *to) >= max_export_days) {
    errors["to"] = "CSVに出力できる期間は" + std::to_string(max_export_days) + "日以内です。";
  }
  if (!errors.empty()) throw ValidationError("出力する期間が正しくありません。", std::move(errors));
  return {*from, *to};
}

using SlotKey = std::tuple<std::int64_t, std::string, int>;  // frame, date, start minute

}  // namespace

OfficeSchedule office_schedule(db::Connection& c, const Principal& principal, const std::string& office_code,
                               domain::Date from, domain::Date to, const Client& client, std::int64_t now) {
  if (to < from || domain::days_between(from, to) >= max_schedule_days) {
    throw ValidationError("表示する期間が正しくありません。", {{"to", "期間は31日以内で指定してください。"}});
  }
  return db::in_transaction(c, true, [&](db::Connection& t) {
    OfficeSchedule schedule;
    schedule.office = office_in_scope(t, principal, office_code);
    schedule.from = from;
    schedule.to = to;
    const std::string from_text = domain::to_iso(from), to_text = domain::to_iso(to);
    std::vector<domain::Date> closures;
    for (const auto& text : store::closed_dates_of_office(t, schedule.office.id, from_text, to_text)) {
      if (auto date = domain::parse_iso_date(text)) closures.push_back(*date);
    }
    for (auto day = from; day <= to; day = domain::add_days(day, 1)) {
      schedule.days.push_back(day);
      if (domain::is_closed_day(day) || std::find(closures.begin(), closures.end(), day) != closures.end()) {
        schedule.closed_days.push_back(day);
      }
    }

    store::OfficeReservationFilter filter;
    filter.scope = scope_of(principal);
    filter.office_id = schedule.office.id;
    filter.from_date = from_text;
    filter.to_date = to_text;
    filter.limit = 5000;
    std::map<SlotKey, std::vector<ReservationView>> by_slot;
    for (const auto& record : store::find_office_reservations(t, filter)) {
      auto view = reservation_view_of(record, now);
      by_slot[{view.slot.frame_id, domain::to_iso(view.slot.date), view.slot.start_minute}].push_back(view);
      schedule.bookings.push_back(std::move(view));
    }

    const bool may_book = principal.may(schedule.office.id, StaffRole::operate);
    for (const auto& procedure : store::procedures_of_office(t, schedule.office.id)) {
      for (const auto& [frame, facility] : store::frames_of_procedure(t, procedure.id)) {
        StaffFrame staff_frame{facility, frame, procedure, {}};
        auto used = store::seats_in_use(t, frame.id, from_text, to_text, now);
        const auto frame_closed = frame_closures(t, frame, schedule.office.id, from, to);
        const auto starts = domain::slot_start_minutes(frame.first_start_minute, frame.last_start_minute,
                                                       frame.interval_minutes);
        for (const auto& day : schedule.days) {
          const bool open = domain::frame_runs_on(frame.weekdays, day) &&
                            std::find(schedule.closed_days.begin(), schedule.closed_days.end(), day) ==
                                schedule.closed_days.end() &&
                            std::find(frame_closed.begin(), frame_closed.end(), day) == frame_closed.end();
          std::vector<int> minutes = open ? starts : std::vector<int>{};
          // A booking at a time the frame no longer offers is still shown.
          for (const auto& [key, views] : by_slot) {
            if (std::get<0>(key) == frame.id && std::get<1>(key) == domain::to_iso(day) &&
                std::find(minutes.begin(), minutes.end(), std::get<2>(key)) == minutes.end()) {
              minutes.push_back(std::get<2>(key));
            }
          }
          std::sort(minutes.begin(), minutes.end());
          for (int start : minutes) {
            StaffSlot slot;
            auto in_use = used.find({domain::to_iso(day), start});
            slot.slot = slot_view_at(frame, facility, day, start, in_use == used.end() ? 0 : in_use->second);
            slot.bookable = may_book && slot.slot.available > 0 &&
                            std::find(starts.begin(), starts.end(), start) != starts.end() &&
                            domain::staff_can_book(frame_closed, frame.weekdays, day, start, now);
            if (auto found = by_slot.find({frame.id, domain::to_iso(day), start}); found != by_slot.end()) {
              slot.bookings = found->second;
            }
            staff_frame.slots.push_back(std::move(slot));
          }
        }
        schedule.frames.push_back(std::move(staff_frame));
      }
    }
    audit_view(t, principal, schedule.office, "staff.schedule_viewed", from_text + ".." + to_text, client, now);
    return schedule;
  });
}

std::vector<ReservationView> search_office_bookings(db::Connection& c, const Principal& principal,
                                                    const std::string& office_code, const std::string& text,
                                                    const Client& client, std::int64_t now) {
  const std::string query = domain::trim(domain::normalize_digits_and_hyphens(text));
  if (query.empty() || query.size() > 100) {
    throw ValidationError("入力内容に誤りがあります。", {{"q", "予約番号、求職番号または氏名を入力してください。"}});
  }
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = office_in_scope(t, principal, office_code);
    store::OfficeReservationFilter filter;
    filter.scope = scope_of(principal);
    filter.office_id = office.id;
    filter.text = query;
    filter.limit = 100;
    std::vector<ReservationView> found;
    for (const auto& record : store::find_office_reservations(t, filter)) found.push_back(reservation_view_of(record, now));
    std::reverse(found.begin(), found.end());  // the latest interview first
    audit_view(t, principal, office, "staff.reservations_searched", query, client, now);
    return found;
  });
}

OfficeBookings export_office_bookings(db::Connection& c, const Principal& principal, const std::string& office_code,
                                      const std::string& from_text, const std::string& to_text, const Client& client,
                                      std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    // Another office is "not found" whatever the dates.
    OfficeBookings result{office_in_scope(t, principal, office_code), {}, {}, {}};
    std::tie(result.from, result.to) = export_range(from_text, to_text);
    store::OfficeReservationFilter filter;
    filter.scope = scope_of(principal);
    filter.office_id = result.office.id;
    filter.from_date = domain::to_iso(result.from);
    filter.to_date = domain::to_iso(result.to);
    filter.limit = max_export_rows + 1;
    const auto records = store::find_office_reservations(t, filter);
    if (records.size() > static_cast<std::size_t>(max_export_rows)) {
      throw ValidationError("出力する件数が多すぎます。",
                            {{"to", "予約が" + std::to_string(max_export_rows) + "件を超えます。期間を短くしてください。"}});
    }
    for (const auto& record : records) result.bookings.push_back(reservation_view_of(record, now));
    audit_view(t, principal, result.office, "staff.reservations_exported",
               filter.from_date + ".." + filter.to_date + " " + std::to_string(result.bookings.size()) + "件", client,
               now);
    return result;
  });
}

}  // namespace yoyaku::services
