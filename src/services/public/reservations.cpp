#include "domain/office_contact.hpp"
#include "services/public/reservations.hpp"

#include <algorithm>

#include "domain/attendance.hpp"
#include "domain/forms.hpp"
#include "domain/meetings.hpp"
#include "domain/ics.hpp"
#include "domain/reservation_rules.hpp"
#include "util/messages.hpp"
#include "domain/text.hpp"
#include "services/common/errors.hpp"
#include "services/common/mail.hpp"
#include "services/common/scope.hpp"
#include "services/public/booking_internal.hpp"
#include "store/audit.hpp"
#include "store/accounts.hpp"

namespace yoyaku::services {
namespace {

const std::string not_found_message = "指定された予約はありません。";
const std::string new_hold_lapsed_message = "新しい日時の仮予約の有効期限が切れました。もう一度、日時を選択してください。";

store::ReservationRecord find_in_scope(db::Connection& c, const Principal& principal, const std::string& number) {
  auto record = store::find_reservation(c, number, scope_of(principal));
  if (!record) throw NotFoundError(not_found_message);
  return *record;
}

ModifyPreview preview(db::Connection& c, const Principal& principal, const ReservationView& reservation,
                      const ModifyForm& form, std::int64_t now) {
  if (!reservation.can_modify) {
    throw DeadlinePassedError("変更の受付期限を過ぎています。" + call_the_office(reservation.office), "deadline_passed");
  }
  ModifyPreview result;
  result.clean = validate_reservation_form(form);
  if (!form.hold_id.empty()) {
    auto hold = live_hold(c, principal, form.hold_id, now);
    if (!hold) throw HoldLapsedError(new_hold_lapsed_message, reservation.procedure.id);
    if (hold->procedure_id != reservation.procedure.id) throw NotFoundError("仮予約が見つかりません。");
    result.new_slot = hold;
  }
  return result;
}

}  // namespace

ReservationView reservation_view_of(const store::ReservationRecord& record, std::int64_t now) {
  ReservationView view;
  view.row = record.reservation;
  view.procedure = record.procedure;
  view.office = record.office;
  view.slot = slot_view_of(record.at);
  auto chosen = domain::split_list(view.row.topics);
  for (const auto& option : domain::topic_options()) {
    if (std::find(chosen.begin(), chosen.end(), option.code) != chosen.end()) view.topics.emplace_back(option.code);
  }
  const bool confirmed = view.row.status == "confirmed";
  view.change_deadline = domain::change_deadline(view.slot.date, view.procedure.change_deadline_days_before);
  view.can_modify = confirmed && now <= view.change_deadline;
  view.can_withdraw = confirmed && domain::can_withdraw_online(view.slot.date, now);
  view.same_day = confirmed && domain::jst_date_of(now) == view.slot.date;
  const int minutes_before = view.procedure.meeting_link_minutes_before;
  view.meeting_link_opens_at = domain::meeting_link_opens_at(view.slot.date, view.slot.start_minute, minutes_before);
  view.attendance = domain::attendance_of(view.row.status, view.slot.date, view.slot.start_minute, now);
  view.meeting_link_open = confirmed && view.row.meeting_id &&
                           domain::meeting_link_open(view.slot.date, view.slot.start_minute, view.slot.end_minute,
                                                     minutes_before, now);
  return view;
}

nlohmann::json reservation_mail_context(const ReservationView& r, const Links& links) {
  return {{"family_name", r.row.family_name},
          {"given_name", r.row.given_name},
          {"number", r.row.number},
          {"procedure_title", r.procedure.title},
          {"facility_name", r.slot.facility},
          {"frame_name", r.slot.frame},
          {"date_text", domain::japanese_date(r.slot.date)},
          {"time_text", domain::japanese_time_range(r.slot.start_minute, r.slot.end_minute)},
          {"office_name", r.office.name},
          {"office_phone", domain::call_number(r.office).empty() ? nlohmann::json(nullptr) : nlohmann::json(domain::call_number(r.office))},
          {"help_desk_phone", help_desk_phone},
          {"detail_link", links.reservation(r.row.number)},
          {"has_account", r.row.user_id.has_value()},
          {"meeting_id", r.row.meeting_id ? nlohmann::json(*r.row.meeting_id) : nlohmann::json(nullptr)},
          {"meeting_passcode", r.row.meeting_passcode.value_or("")},
          {"meeting_url", r.row.meeting_url.value_or("")},
          {"zoom_name", domain::zoom_display_name(r.row.job_seeker_number, r.row.family_name, r.row.given_name)}};
}

domain::Language booking_mail_language(db::Connection& c, const ReservationRow& row) {
  if (!row.user_id) return domain::Language::ja;  // booked at the counter or by phone
  auto owner = store::find_user(c, *row.user_id);
  return owner ? mail_language_of(*owner) : domain::Language::ja;
}

std::vector<std::string> booking_recipients(db::Connection& c, const ReservationRow& row) {
  if (!row.user_id) return row.email.empty() ? std::vector<std::string>{} : std::vector<std::string>{row.email};
  auto owner = store::find_user(c, *row.user_id);
  return owner ? recipients_of(*owner) : std::vector<std::string>{};
}

store::Actor actor_of(const Principal& principal) {
  if (principal.is_staff()) return {std::nullopt, principal.id};
  return {principal.id, std::nullopt};
}

std::vector<std::string> update_booking_details(db::Connection& c, const ReservationRow& row,
                                                const ReservationForm& clean, std::int64_t now) {
  std::vector<std::string> changed;
  auto note = [&](const char* what, const std::string& before, const std::string& after) {
    if (before != after) changed.push_back(what);
  };
  note("氏名", row.family_name + " " + row.given_name, clean.family_name + " " + clean.given_name);
  note("求職番号", row.job_seeker_number, clean.job_seeker_number);
  note("連絡先電話番号", row.phone, clean.phone);
  note("ご相談内容", row.topics, domain::join_list(clean.topics));
  note("ハローワーク職員用項目", row.staff_note, clean.staff_note);
  ReservationRow values = row;
  copy_details(clean, values);
  store::update_reservation_details(c, row.id, values, now);
  return changed;
}

void mail_booking_change(db::Connection& c, const store::ReservationRecord& changed_record,
                         const std::vector<std::string>& changed, const Links& links, std::int64_t now) {
  auto context = reservation_mail_context(reservation_view_of(changed_record, now), links);
  context["changes"] = changed.empty() ? "なし" : domain::join_list(changed, "、");
  if (auto to = booking_recipients(c, changed_record.reservation); !to.empty()) {
    enqueue_mail(c, "reservation_modified", to, context, now, booking_mail_language(c, changed_record.reservation));
  }
}

bool withdraw_booking(db::Connection& c, const store::ReservationRecord& record, const std::string& reason,
                      const store::Actor& actor, const std::string& history_detail, const Links& links,
                      std::int64_t now) {
  const auto& row = record.reservation;
  store::lock_slot(c, row.slot_id);
  if (!store::withdraw_reservation(c, row.id, reason, now)) return false;
  store::give_back_seat(c, row.slot_id);  // the seat is free again at once
  store::insert_history(c, row.id, "withdraw", now, actor, history_detail);
  auto context = reservation_mail_context(reservation_view_of(record, now), links);
  context["reason"] = reason;
  if (auto to = booking_recipients(c, row); !to.empty()) enqueue_mail(c, "reservation_withdrawn", to, context, now, booking_mail_language(c, row));
  return true;
}

std::string call_the_office(const Office& office) {
  const std::string& phone = domain::call_number(office);
  if (phone.empty()) {
    return "予約したハローワーク（" + office.name + "）の電話番号は登録されていません。ヘルプデスク（" +
           help_desk_phone + "）へお問い合わせください。";
  }
  return "予約したハローワーク（" + office.name + " 電話 " + phone + "）へお電話でご連絡ください。";
}

ReservationView reservation_detail(db::Connection& c, const Principal& principal, const std::string& number,
                                   std::int64_t now) {
  return db::in_transaction(c, false, [&](db::Connection& t) {
    ReservationView view = reservation_view_of(find_in_scope(t, principal, number), now);
    for (const auto& h : store::reservation_history(t, view.row.id)) {
      view.history.push_back({h.action, h.at, h.actor_staff_id, h.detail, h.actor_staff_name});
    }
    return view;
  });
}

ReservationPage search_reservations(db::Connection& c, const Principal& principal, const ReservationSearch& search,
                                    std::int64_t now) {
  store::ReservationFilter filter;
  filter.scope = scope_of(principal);
  filter.number = domain::normalize_digits_and_hyphens(search.number);
  filter.procedure_text = domain::trim(search.procedure_text);
  if (search.applied_on) {
    filter.applied_from = domain::from_jst(*search.applied_on, 0, 0);
    filter.applied_to = domain::from_jst(domain::add_days(*search.applied_on, 1), 0, 0);
  }
  filter.oldest_first = search.oldest_first;
  ReservationPage page;
  page.per_page = search.per_page > 0 && search.per_page <= 100 ? search.per_page : 20;
  return db::in_transaction(c, false, [&](db::Connection& t) {
    page.total = store::count_reservations(t, filter);
    page.pages = std::max<int>(1, static_cast<int>((page.total + page.per_page - 1) / page.per_page));
    page.page = std::clamp(search.page, 1, page.pages);
    filter.limit = page.per_page;
    filter.offset = (page.page - 1) * page.per_page;
    for (const auto& record : store::find_reservations(t, filter)) page.items.push_back(reservation_view_of(record, now));
    return page;
  });
}

ModifyForm modification_values(db::Connection& c, const Principal& principal, const ReservationView& reservation,
                               bool back_from_calendar) {
  if (back_from_calendar) {
    if (auto kept = kept_booking_form(c, principal, reservation.procedure.id)) return *kept;
  }
  return form_of(reservation.row);
}

void keep_modification(db::Connection& c, const Principal& principal, const ReservationView& reservation,
                       const ModifyForm& form, std::int64_t now) {
  keep_booking_form(c, principal, reservation.procedure.id, form, now);
}

ModifyPreview preview_modification(db::Connection& c, const Principal& principal, const std::string& number,
                                   const ModifyForm& form, std::int64_t now) {
  return preview(c, principal, reservation_detail(c, principal, number, now), form, now);
}

void modify_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                        const ModifyForm& form, const Links& links, const Client& client, std::int64_t now) {
  auto checked = preview(c, principal, reservation_detail(c, principal, number, now), form, now);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = find_in_scope(t, principal, number);
    const auto& row = record.reservation;
    if (row.status != "confirmed") throw NotFoundError("指定された予約は変更できません。");
    if (!reservation_view_of(record, now).can_modify) {  // again inside the write: the deadline may have passed meanwhile
      throw DeadlinePassedError("変更の受付期限を過ぎています。" + call_the_office(record.office), "deadline_passed");
    }
    auto changed = update_booking_details(t, row, checked.clean, now);
    if (checked.new_slot) {
      // The new seat is already ours (the hold took it); hand it to the
      // reservation and give the old seat back — all or nothing.
      auto hold = store::find_user_hold(t, form.hold_id, principal.id);
      if (!hold || hold->hold.released_at || hold->hold.expires_at <= now) {
        throw HoldLapsedError(new_hold_lapsed_message, record.procedure.id);
      }
      store::lock_slot(t, row.slot_id);
      if (!store::release_hold(t, hold->hold.id, now, "confirmed")) {  // released by a frame change meanwhile
        throw HoldLapsedError(new_hold_lapsed_message, record.procedure.id);
      }
      store::give_back_seat(t, row.slot_id);
      store::move_reservation(t, row.id, hold->hold.slot_id, now);
      changed.push_back("予約日時");
    }
    store::insert_history(t, row.id, "modify", now, actor_of(principal), domain::join_list(changed));
    store::append_audit(t, {now, "user", principal.id, "reservation.modified", "reservation", row.number,
                            record.office.id, client.ip, domain::join_list(changed)});
    if (row.user_id) store::delete_booking_draft(t, *row.user_id, record.procedure.id);
    mail_booking_change(t, find_in_scope(t, principal, number), changed, links, now);
  });
}

std::string check_withdrawal_reason(const std::string& reason) {
  auto checked = domain::check_withdrawal_reason(reason);
  if (!checked.error.empty()) throw ValidationError("入力内容に誤りがあります。", {{"reason", checked.error}});
  return checked.clean;
}

void withdraw_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                          const std::string& reason, const Links& links, const Client& client, std::int64_t now) {
  std::string clean = check_withdrawal_reason(reason);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = find_in_scope(t, principal, number);
    const auto& row = record.reservation;
    auto view = reservation_view_of(record, now);
    if (row.status != "confirmed") throw NotFoundError("この予約は既に取下げられています。");
    if (!view.can_withdraw) {
      throw DeadlinePassedError("当日の取下げ（キャンセル）は、お電話のみで受け付けています。" + call_the_office(view.office),
                                "same_day");
    }
    if (!withdraw_booking(t, record, clean, actor_of(principal), "", links, now)) {
      throw NotFoundError("この予約は既に取下げられています。");
    }
    store::append_audit(t, {now, "user", principal.id, "reservation.withdrawn", "reservation", row.number,
                            record.office.id, client.ip, ""});
  });
}

std::int64_t reapply(db::Connection& c, const Principal& principal, const std::string& number, std::int64_t now) {
  auto view = reservation_detail(c, principal, number, now);
  keep_booking_form(c, principal, view.procedure.id, form_of(view.row), now);
  return view.procedure.id;
}

std::string reservation_ics(const ReservationView& r, const Links& links, std::int64_t now,
                            domain::Language language) {
  const auto& messages = Messages::embedded();
  auto label = [&](const char* key) { return "\n" + messages.text(language, std::string("ics.") + key); };
  domain::CalendarEvent event;
  event.uid = r.row.number + "@yoyaku";
  event.stamp = now;
  for (const auto& h : r.history) event.sequence += h.action != "apply";
  event.date = r.slot.date;
  event.start_minute = r.slot.start_minute;
  event.end_minute = r.slot.end_minute;
  event.summary = r.procedure.title;
  event.description = r.procedure.title + label("number") + r.row.number + label("facility") + r.slot.facility +
                      label("check_or_change") + links.reservation(r.row.number);
  if (r.row.meeting_id) {
    event.description += label("meeting_id") + *r.row.meeting_id;
    if (r.row.meeting_passcode) event.description += label("passcode") + *r.row.meeting_passcode;
    event.description += label("name") + r.row.job_seeker_number + " " + r.row.family_name + " " + r.row.given_name;
  }
  event.location = r.row.meeting_url.value_or(messages.text(language, "ics.online"));
  event.url = r.row.meeting_url;
  event.cancelled = r.row.status == "withdrawn";
  return domain::render_ics(event);
}

}  // namespace yoyaku::services
