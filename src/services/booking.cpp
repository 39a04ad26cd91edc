#include "services/booking.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/holidays.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"
#include "services/errors.hpp"
#include "services/mail.hpp"
#include "store/booking_store.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

const std::string not_bookable_message = "予約不可：この時間は予約できません。別の日時を選択してください。";

bool frame_runs_on(const store::ReservationFrame& frame, domain::Date date) {
  return (frame.weekdays >> domain::weekday_of(date).c_encoding()) & 1;
}

std::vector<int> start_minutes(const store::ReservationFrame& frame) {
  std::vector<int> starts;
  for (int m = frame.first_start_minute; m <= frame.last_start_minute; m += frame.interval_minutes) starts.push_back(m);
  return starts;
}

struct DayRules {
  domain::Date first;
  domain::Date last;
  bool reception_open = false;
  std::set<std::string> closures;
};

DayRules day_rules(db::Connection& c, const store::Procedure& procedure, std::int64_t now) {
  DayRules rules;
  std::tie(rules.first, rules.last) = booking_window(procedure, now);
  rules.reception_open =
      procedure.reception_start_at <= now && (!procedure.reception_end_at || *procedure.reception_end_at > now);
  for (const auto& d : store::office_closures(c, procedure.office_id, domain::to_iso(rules.first),
                                              domain::to_iso(rules.last))) {
    rules.closures.insert(d);
  }
  return rules;
}

bool bookable_day(const DayRules& rules, const store::ReservationFrame& frame, domain::Date date) {
  return rules.reception_open && date >= rules.first && date <= rules.last && !domain::is_closed_day(date) &&
         !rules.closures.count(domain::to_iso(date)) && frame_runs_on(frame, date);
}

SlotView slot_view(const store::ReservationFrame& frame, const store::Facility& facility, domain::Date date,
                   int start, int used) {
  SlotView view;
  view.id = slot_id_of(frame.id, date, start);
  view.frame_id = frame.id;
  view.facility = facility.name;
  view.frame = frame.name;
  view.date = date;
  view.start_minute = start;
  view.end_minute = start + frame.slot_minutes;
  view.capacity = frame.seats;
  view.available = std::max(0, frame.seats - used);
  view.status = view.available > 0 ? "available" : "full";
  return view;
}

HoldView hold_view(db::Connection& c, const store::HoldRow& hold) {
  auto slot = store::find_slot(c, hold.slot_id);
  auto frame = store::find_frame(c, slot->frame_id);
  auto facility = store::find_facility(c, frame->facility_id);
  auto date = domain::parse_iso_date(slot->date);
  HoldView view;
  view.id = hold.public_id;
  view.procedure_id = hold.procedure_id;
  view.user_id = hold.user_id.value_or(0);
  view.expires_at = hold.expires_at;
  view.agreed = hold.agreed_at.has_value();
  view.slot = slot_view(*frame, *facility, *date, slot->start_minute, 0);
  return view;
}

// Releases an unreleased hold and gives its seat back (it counted in `taken` until now).
void release(db::Connection& c, const store::HoldRow& hold, std::int64_t now, const std::string& reason) {
  if (store::release_hold(c, hold.id, now, reason)) store::give_back_seat(c, hold.slot_id);
}

}  // namespace

std::string_view day_status_code(DayStatus status) {
  switch (status) {
    case DayStatus::available: return "available";
    case DayStatus::full: return "full";
    default: return "closed";
  }
}

std::string reservation_number(domain::Date applied_on, std::int64_t sequence) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(sequence));
  return domain::to_compact(applied_on) + "-" + digits;
}

std::string slot_id_of(std::int64_t frame_id, domain::Date date, int start_minute) {
  char time[8];
  std::snprintf(time, sizeof time, "%02d%02d", start_minute / 60, start_minute % 60);
  return std::to_string(frame_id) + "-" + domain::to_compact(date) + "-" + time;
}

std::optional<SlotKey> parse_slot_id(const std::string& slot_id) {
  auto first = slot_id.find('-');
  auto second = slot_id.find('-', first == std::string::npos ? 0 : first + 1);
  if (first == std::string::npos || second == std::string::npos || second - first != 9 ||
      slot_id.size() - second != 5) {
    return std::nullopt;
  }
  SlotKey key;
  try {
    std::size_t used = 0;
    key.frame_id = std::stoll(slot_id.substr(0, first), &used);
    if (used != first || key.frame_id <= 0) return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string compact = slot_id.substr(first + 1, 8);
  auto date = domain::parse_iso_date(compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2));
  auto time = domain::parse_hh_mm(slot_id.substr(second + 1, 2) + ":" + slot_id.substr(second + 3, 2));
  if (!date || !time) return std::nullopt;
  key.date = *date;
  key.start_minute = *time;
  return key;
}

ProcedureDetails procedure_details(db::Connection& c, std::int64_t procedure_id) {
  auto procedure = store::find_procedure(c, procedure_id);
  if (!procedure) throw NotFoundError("指定された手続きはありません。");
  auto office = store::find_office(c, procedure->office_id);
  return {*procedure, *office, store::facilities_of_office(c, procedure->office_id)};
}

std::pair<domain::Date, domain::Date> booking_window(const store::Procedure& procedure, std::int64_t now) {
  domain::Date today = domain::jst_date_of(now);
  return {domain::add_days(today, procedure.booking_closes_days_before),
          domain::add_days(today, procedure.booking_opens_days_before)};
}

std::vector<CalendarRow> procedure_calendar(db::Connection& c, std::int64_t procedure_id, domain::Date from, int days,
                                            std::int64_t now) {
  auto details = procedure_details(c, procedure_id);
  DayRules rules = day_rules(c, details.procedure, now);
  const domain::Date to = domain::add_days(from, days - 1);
  std::vector<CalendarRow> rows;
  for (const auto& frame : store::frames_of_procedure(c, procedure_id)) {
    auto facility = store::find_facility(c, frame.facility_id);
    auto used = store::seats_in_use(c, frame.id, domain::to_iso(from), domain::to_iso(to), now);
    CalendarRow row{*facility, frame, {}};
    for (int i = 0; i < days; ++i) {
      domain::Date date = domain::add_days(from, i);
      CalendarDay day{date, DayStatus::closed};
      if (bookable_day(rules, frame, date)) {
        day.status = DayStatus::full;
        for (int start : start_minutes(frame)) {
          auto found = used.find({domain::to_iso(date), start});
          if ((found == used.end() ? 0 : found->second) < frame.seats) {
            day.status = DayStatus::available;
            break;
          }
        }
      }
      row.days.push_back(day);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<SlotView> day_slots(db::Connection& c, std::int64_t procedure_id, domain::Date date, std::int64_t now) {
  auto details = procedure_details(c, procedure_id);
  DayRules rules = day_rules(c, details.procedure, now);
  std::vector<SlotView> slots;
  for (const auto& frame : store::frames_of_procedure(c, procedure_id)) {
    if (!bookable_day(rules, frame, date)) continue;
    auto facility = store::find_facility(c, frame.facility_id);
    auto used = store::seats_in_use(c, frame.id, domain::to_iso(date), domain::to_iso(date), now);
    for (int start : start_minutes(frame)) {
      auto found = used.find({domain::to_iso(date), start});
      slots.push_back(slot_view(frame, *facility, date, start, found == used.end() ? 0 : found->second));
    }
  }
  return slots;
}

HoldView place_hold(db::Connection& c, std::int64_t user_id, const std::string& slot_id, std::int64_t now) {
  auto key = parse_slot_id(slot_id);
  if (!key) throw NotFoundError("指定された予約枠はありません。");
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto frame = store::find_frame(t, key->frame_id);
    if (!frame) throw NotFoundError("指定された予約枠はありません。");
    auto starts = start_minutes(*frame);
    if (std::find(starts.begin(), starts.end(), key->start_minute) == starts.end()) {
      throw NotFoundError("指定された予約枠はありません。");
    }
    auto procedure = store::find_procedure(t, frame->procedure_id);
    if (!bookable_day(day_rules(t, *procedure, now), *frame, key->date)) throw ConflictError(not_bookable_message);

    // One hold per user and procedure: picking another time lets the old one go
    // (rolled back with everything else if the new seat cannot be had).
    for (const auto& previous : store::unreleased_holds_of_user(t, user_id, procedure->id)) {
      release(t, previous, now, "changed");
    }
    auto slot = store::ensure_slot(t, frame->id, domain::to_iso(key->date), key->start_minute,
                                   key->start_minute + frame->slot_minutes, frame->seats);
    store::lock_slot(t, slot.id);
    store::release_lapsed_holds(t, slot.id, now);
    if (!store::take_seat(t, slot.id)) throw ConflictError(not_bookable_message);
    store::HoldRow hold;
    hold.public_id = random_hex(16);
    hold.slot_id = slot.id;
    hold.procedure_id = procedure->id;
    hold.user_id = user_id;
    hold.created_at = now;
    hold.expires_at = now + hold_minutes * 60;
    hold.id = store::insert_hold(t, hold);
    return hold_view(t, hold);
  });
}

std::optional<HoldView> live_hold(db::Connection& c, std::int64_t user_id, const std::string& hold_id,
                                  std::int64_t now) {
  return db::in_transaction(c, false, [&](db::Connection& t) -> std::optional<HoldView> {
    auto hold = store::find_hold(t, hold_id);
    if (!hold || hold->user_id != user_id || hold->released_at || hold->expires_at <= now) return std::nullopt;
    return hold_view(t, *hold);
  });
}

HoldView extend_hold(db::Connection& c, std::int64_t user_id, const std::string& hold_id, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto hold = store::find_hold(t, hold_id);
    if (!hold || hold->user_id != user_id || !store::extend_hold(t, hold->id, now, now + hold_minutes * 60)) {
      throw NotFoundError("仮予約の有効期限が切れています。もう一度、日時を選択してください。");
    }
    hold->expires_at = now + hold_minutes * 60;
    return hold_view(t, *hold);
  });
}

bool cancel_hold(db::Connection& c, std::int64_t user_id, const std::string& hold_id, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto hold = store::find_hold(t, hold_id);
    if (!hold || hold->user_id != user_id || hold->released_at) return false;
    store::lock_slot(t, hold->slot_id);
    release(t, *hold, now, "cancelled");
    return true;
  });
}

void agree_to_terms(db::Connection& c, std::int64_t user_id, const std::string& hold_id, std::int64_t now) {
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto hold = store::find_hold(t, hold_id);
    if (!hold || hold->user_id != user_id || hold->released_at || hold->expires_at <= now) {
      throw HoldLapsedError("仮予約の有効期限が切れています。");
    }
    store::mark_hold_agreed(t, hold->id, now);
  });
}

const std::vector<TopicOption>& topic_options() {
  static const std::vector<TopicOption> options = {{"consultation", "職業相談"},
                                                   {"interview_practice", "面接練習"},
                                                   {"document_review", "履歴書、職務経歴書の添削"},
                                                   {"other", "その他"}};
  return options;
}

ReservationForm validate_reservation_form(const ReservationForm& form) {
  std::map<std::string, std::string> errors;
  ReservationForm clean = form;
  if (auto v = domain::normalize_name_part(form.family_name)) clean.family_name = *v;
  else errors["family_name"] = "氏を入力してください（50文字以内）。例) 氏：雇用";
  if (auto v = domain::normalize_name_part(form.given_name)) clean.given_name = *v;
  else errors["given_name"] = "名を入力してください（50文字以内）。例) 名：太郎";
  if (auto v = domain::normalize_job_seeker_number(form.job_seeker_number)) clean.job_seeker_number = *v;
  else errors["job_seeker_number"] = "求職番号はハイフンを含めて半角文字14桁で入力してください。例) 12345-12345678";
  if (!domain::trim(form.phone).empty()) {
    if (auto v = domain::normalize_phone(form.phone)) clean.phone = *v;
    else errors["phone"] = "連絡先電話番号はハイフンを含む、含まないどちらかの形式で入力してください。例) 012-345-6789 または 0123456789";
  } else {
    clean.phone.clear();
  }
  clean.topics.clear();
  for (const auto& option : topic_options()) {
    if (std::find(form.topics.begin(), form.topics.end(), option.code) != form.topics.end()) {
      clean.topics.push_back(option.code);
    }
  }
  if (clean.topics.size() != std::set<std::string>(form.topics.begin(), form.topics.end()).size()) {
    errors["topics"] = "ご相談内容の選択肢から選んでください。";
  }
  clean.staff_note = domain::trim(form.staff_note);
  if (!domain::is_valid_utf8(clean.staff_note) || domain::count_code_points(clean.staff_note) > 500) {
    errors["staff_note"] = "ハローワーク職員用項目は500文字以内で入力してください。";
  }
  if (!errors.empty()) throw ValidationError("入力内容に誤りがあります。", errors);
  return clean;
}

ConfirmedReservation confirm_reservation(db::Connection& c, const store::User& user, const ReservationForm& input,
                                         const std::string& base_url, std::int64_t now) {
  ReservationForm form = validate_reservation_form(input);
  enum class Outcome { confirmed, lapsed };
  ConfirmedReservation result;
  Outcome outcome = db::in_transaction(c, true, [&](db::Connection& t) {
    auto hold = store::find_hold(t, form.hold_id);
    if (!hold || hold->user_id != user.id) throw NotFoundError("仮予約が見つかりません。もう一度、日時を選択してください。");
    if (hold->released_at) return Outcome::lapsed;
    store::lock_slot(t, hold->slot_id);
    if (hold->expires_at <= now) {
      release(t, *hold, now, "expired");  // committed: the seat is free again
      return Outcome::lapsed;
    }
    if (!hold->agreed_at && !form.agreed_to_terms) {
      throw ValidationError("入力内容に誤りがあります。", {{"agreed_to_terms", "利用規約に同意してください。"}});
    }
    store::release_hold(t, hold->id, now, "confirmed");  // the seat passes to the reservation
    auto procedure = store::find_procedure(t, hold->procedure_id);
    auto office = store::find_office(t, procedure->office_id);
    const domain::Date applied_on = domain::jst_date_of(now);
    const auto sequence = store::next_reservation_sequence(t, domain::to_compact(applied_on));
    store::ReservationRow row;
    row.number = reservation_number(applied_on, sequence);
    row.user_id = user.id;
    row.procedure_id = procedure->id;
    row.slot_id = hold->slot_id;
    row.family_name = form.family_name;
    row.given_name = form.given_name;
    row.job_seeker_number = form.job_seeker_number;
    row.phone = form.phone;
    row.topics = domain::join_list(form.topics);
    row.staff_note = form.staff_note;
    row.applied_at = now;
    result.reservation_id = store::insert_reservation(t, row);
    result.number = row.number;
    result.slot = hold_view(t, *hold).slot;
    store::insert_history(t, result.reservation_id, "apply", now, user.id, "");
    store::delete_booking_draft(t, user.id, procedure->id);
    enqueue_mail(t, "reservation_confirmed", recipients_of(user),
                 {{"family_name", form.family_name},
                  {"given_name", form.given_name},
                  {"number", row.number},
                  {"procedure_title", procedure->title},
                  {"facility_name", result.slot.facility},
                  {"frame_name", result.slot.frame},
                  {"date_text", domain::japanese_date(result.slot.date)},
                  {"time_text", domain::japanese_time_range(result.slot.start_minute, result.slot.end_minute)},
                  {"office_name", office->name},
                  {"lookup_link", base_url + "/reservations"}},
                 now);
    store::append_audit(t, {now, "user", user.id, "reservation.created", "reservation", row.number, office->id, "", ""});
    return Outcome::confirmed;
  });
  if (outcome == Outcome::lapsed) {
    throw HoldLapsedError("仮予約の有効期限（60分）が切れたため、予約を確定できませんでした。入力内容は保存されています。もう一度、日時を選択してください。");
  }
  return result;
}

std::optional<ReservationForm> previous_application(db::Connection& c, std::int64_t user_id) {
  auto last = store::latest_reservation_of_user(c, user_id);
  if (!last) return std::nullopt;
  ReservationForm form;
  form.family_name = last->family_name;
  form.given_name = last->given_name;
  form.job_seeker_number = last->job_seeker_number;
  form.phone = last->phone;
  form.topics = domain::split_list(last->topics);
  return form;
}

void save_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id, const ReservationForm& form,
                std::int64_t now) {
  nlohmann::json data = {{"family_name", form.family_name}, {"given_name", form.given_name},
                         {"job_seeker_number", form.job_seeker_number}, {"phone", form.phone},
                         {"topics", form.topics}, {"staff_note", form.staff_note}};
  store::save_booking_draft(c, user_id, procedure_id, data.dump(), now);
}

std::optional<ReservationForm> draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id) {
  auto text = store::booking_draft(c, user_id, procedure_id);
  if (!text) return std::nullopt;
  auto data = nlohmann::json::parse(*text, nullptr, false);
  if (data.is_discarded()) return std::nullopt;
  ReservationForm form;
  form.family_name = data.value("family_name", "");
  form.given_name = data.value("given_name", "");
  form.job_seeker_number = data.value("job_seeker_number", "");
  form.phone = data.value("phone", "");
  form.topics = data.value("topics", std::vector<std::string>{});
  form.staff_note = data.value("staff_note", "");
  return form;
}

}  // namespace yoyaku::services
