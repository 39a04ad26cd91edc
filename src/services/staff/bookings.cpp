#include "services/staff/bookings.hpp"

#include <algorithm>
#include <map>

#include "domain/attendance.hpp"
#include "domain/booking_ids.hpp"
#include "domain/booking_window.hpp"
#include "domain/forms.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"
#include "services/common/errors.hpp"
#include "services/common/mail.hpp"
#include "services/common/scope.hpp"
#include "services/public/booking_internal.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/terms.hpp"
#include "store/reservations.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

const std::string not_found_message = "指定された予約はありません。";
const std::string no_such_slot_message = "指定された予約枠はありません。";
const std::string seat_taken_message = "予約不可：この時間は満席か、予約できない時間です。別の時間を選択してください。";

// The booking if the staff member has at least `minimum` at its office (the check is in the query).
store::ReservationRecord staff_record(db::Connection& c, const Principal& principal, const std::string& number,
                                      StaffRole minimum = StaffRole::view) {
  if (!principal.is_staff()) throw NotFoundError(not_found_message);
  auto record = store::find_reservation(c, number, scope_of(principal, minimum));
  if (!record) throw NotFoundError(not_found_message);
  return *record;
}

void audit(db::Connection& c, const Principal& principal, const std::string& action,
           const store::ReservationRecord& record, const Client& client, std::int64_t now,
           const std::string& detail = "") {
  store::append_audit(c, {now, "staff", principal.id, action, "reservation", record.reservation.number,
                          record.office.id, client.ip, detail});
}

// A reason staff give for a change (required, as the 取消事由).
std::string checked_reason(const std::string& reason) {
  auto checked = domain::check_withdrawal_reason(reason);
  if (!checked.error.empty()) {
    throw ValidationError("入力内容に誤りがあります。",
                          {{"reason", checked.characters == 0 ? "理由を入力してください。" : checked.error}});
  }
  return checked.clean;
}

void require_confirmed(const store::ReservationRow& row) {
  if (row.status == "withdrawn") throw ConflictError("この予約は取下げられています。", "withdrawn");
  if (row.status != "confirmed") throw ConflictError("出欠を記録した予約は変更できません。", "attendance_recorded");
}

// The closures staff_can_book needs for one date, from whether the date is closed.
std::vector<domain::Date> closures_on(bool closed, domain::Date date) {
  return closed ? std::vector<domain::Date>{date} : std::vector<domain::Date>{};
}

// The slot a staff member picked, when staff may book it now; ensured, not yet taken.
store::SlotRow staff_slot(db::Connection& c, const std::string& slot_id, std::int64_t procedure_id,
                          std::int64_t now) {
  auto key = domain::parse_slot_id(slot_id);
  if (!key) throw NotFoundError(no_such_slot_message);
  // The frame (a frame change waits, or went first) and whether a closure covers the day: one statement.
  const std::string date = domain::to_iso(key->date);
  auto booked_frame = store::frame_for_booking(c, key->frame_id, date);
  if (!booked_frame || booked_frame->frame.procedure_id != procedure_id) throw NotFoundError(no_such_slot_message);
  const ReservationFrame& frame = booked_frame->frame;
  auto starts = domain::slot_start_minutes(frame.first_start_minute, frame.last_start_minute, frame.interval_minutes);
  if (std::find(starts.begin(), starts.end(), key->start_minute) == starts.end()) {
    throw NotFoundError(no_such_slot_message);
  }
  if (!domain::staff_can_book(closures_on(booked_frame->closed, key->date), frame.weekdays, key->date, key->start_minute, now)) {
    throw SlotUnavailableError(seat_taken_message);
  }
  return store::ensure_slot(c, frame.id, date, key->start_minute, key->start_minute + frame.slot_minutes,
                            frame.seats);
}

// Takes a seat of a locked slot, as online booking does: lapsed holds give theirs back first.
void take_locked_seat(db::Connection& c, std::int64_t slot_id, std::int64_t now) {
  store::release_lapsed_holds(c, slot_id, now);
  if (!store::take_seat(c, slot_id)) throw SlotUnavailableError(seat_taken_message);
}

std::string channel_text(const std::string& channel) { return channel == "counter" ? "窓口で受付" : "電話で受付"; }

// The times of a procedure on a date that staff may book now, with their seats left.
std::vector<SlotView> staff_times(db::Connection& c, const store::Procedure& procedure, domain::Date date,
                                  std::int64_t now) {
  std::vector<SlotView> times;
  auto day = store::procedure_day(c, procedure.id, domain::to_iso(date), now);  // frames, closures, seats: one read
  if (!day) return times;
  for (const auto& on_day : day->frames) {
    const ReservationFrame& frame = on_day.frame;
    const auto closures = closures_on(on_day.closed, date);
    for (int start : domain::slot_start_minutes(frame.first_start_minute, frame.last_start_minute,
                                                frame.interval_minutes)) {
      if (!domain::staff_can_book(closures, frame.weekdays, date, start, now)) continue;
      auto in_use = on_day.seats_in_use.find(start);
      times.push_back(slot_view_at(frame, on_day.facility, date, start,
                                   in_use == on_day.seats_in_use.end() ? 0 : in_use->second));
    }
  }
  return times;
}

}  // namespace

SlotView slot_for_booking(db::Connection& c, const Principal& principal, const std::string& office_code,
                          const std::string& slot_id, std::int64_t now) {
  if (!principal.is_staff()) throw NotFoundError(no_such_slot_message);
  auto key = domain::parse_slot_id(slot_id);
  if (!key) throw NotFoundError(no_such_slot_message);
  return db::in_transaction(c, false, [&](db::Connection& t) {
    auto office = store::find_office_in_scope(t, office_code, scope_of(principal, StaffRole::operate));
    auto frame = store::find_frame(t, key->frame_id);
    auto procedure = frame ? store::find_procedure(t, frame->procedure_id) : std::nullopt;
    if (!office || !procedure || procedure->office_id != office->id) throw NotFoundError(no_such_slot_message);
    for (const auto& time : staff_times(t, *procedure, key->date, now)) {
      if (time.id == slot_id) {
        if (!time.bookable()) throw SlotUnavailableError(seat_taken_message);
        return time;
      }
    }
    throw SlotUnavailableError(seat_taken_message);
  });
}

std::vector<SlotView> times_to_move_to(db::Connection& c, const Principal& principal, const std::string& number,
                                       domain::Date date, std::int64_t now) {
  return db::in_transaction(c, false, [&](db::Connection& t) {
    auto record = staff_record(t, principal, number, StaffRole::operate);
    return staff_times(t, record.procedure, date, now);
  });
}

StaffReservation staff_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                                   const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = staff_record(t, principal, number);
    StaffReservation result;
    result.reservation = reservation_view_of(record, now);
    for (const auto& h : store::reservation_history(t, record.reservation.id)) {
      result.reservation.history.push_back({h.action, h.at, h.actor_staff_id, h.detail, h.actor_staff_name});
    }
    const auto& row = record.reservation;
    const auto& slot = result.reservation.slot;
    result.standing = person_standing(t, record.office, row.job_seeker_number, now);
    result.may_operate = principal.may(record.office.id, StaffRole::operate);
    result.can_change = result.may_operate && row.status == "confirmed";
    result.can_record_attendance =
        result.may_operate && domain::can_record_attendance(row.status, slot.date, slot.start_minute, now);
    result.attendance_opens_at = domain::attendance_opens_at(slot.date, slot.start_minute);
    result.zoom_name = domain::zoom_display_name(row.job_seeker_number, row.family_name, row.given_name);
    if (row.terms_version_id) {
      if (auto terms = store::find_terms_version(t, *row.terms_version_id)) result.terms_version = terms->version;
    }
    audit(t, principal, "staff.reservation_viewed", record, client, now);
    return result;
  });
}

void staff_modify_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                              const StaffChange& change, const Links& links, const Client& client, std::int64_t now) {
  std::map<std::string, std::string> errors;
  ReservationForm clean;
  std::string reason;
  try {
    clean = validate_reservation_form(change.values);
  } catch (const ValidationError& e) {
    errors = e.fields;
  }
  try {
    reason = checked_reason(change.reason);
  } catch (const ValidationError& e) {
    errors.insert(e.fields.begin(), e.fields.end());
  }
  if (!errors.empty()) throw ValidationError("入力内容に誤りがあります。", errors);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = staff_record(t, principal, number, StaffRole::operate);
    const auto& row = record.reservation;
    require_confirmed(row);
    auto changed = update_booking_details(t, row, clean, now);
    if (!change.slot_id.empty() && change.slot_id != reservation_view_of(record, now).slot.id) {
      auto slot = staff_slot(t, change.slot_id, record.procedure.id, now);
      // Both rows locked in one order, so two moves in opposite directions cannot deadlock.
      store::lock_slot(t, std::min(slot.id, row.slot_id));
      store::lock_slot(t, std::max(slot.id, row.slot_id));
      take_locked_seat(t, slot.id, now);
      store::give_back_seat(t, row.slot_id);
      store::move_reservation(t, row.id, slot.id, now);
      changed.push_back("予約日時");
    }
    std::string detail = domain::join_list(changed, "、");
    store::insert_history(t, row.id, "modify", now, actor_of(principal),
                          (detail.empty() ? std::string("変更なし") : detail) + "（理由：" + reason + "）");
    auto after = staff_record(t, principal, number);
    mail_booking_change(t, after, changed, links, now);
    audit(t, principal, "staff.reservation_modified", after, client, now, detail);
  });
}

void staff_withdraw_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                                const std::string& reason, const Links& links, const Client& client,
                                std::int64_t now) {
  const std::string clean = checked_reason(reason);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = staff_record(t, principal, number, StaffRole::operate);
    require_confirmed(record.reservation);
    if (!withdraw_booking(t, record, clean, actor_of(principal), clean, links, now)) {
      throw ConflictError("この予約は取下げられています。", "withdrawn");
    }
    audit(t, principal, "staff.reservation_withdrawn", record, client, now);
  });
}

OnBehalfResult book_on_behalf(db::Connection& c, const Principal& principal, const OnBehalfBooking& booking,
                              const Links& links, const Client& client, std::int64_t now) {
  std::map<std::string, std::string> errors;
  ReservationForm clean;
  try {
    clean = validate_reservation_form(booking.values);
  } catch (const ValidationError& e) {
    errors = e.fields;
  }
  if (booking.channel != "phone" && booking.channel != "counter") errors["channel"] = "受付方法を選択してください。";
  std::string email;
  if (!domain::trim(booking.email).empty()) {
    auto normalized = domain::normalize_email(booking.email);
    if (!normalized) {
      errors["email"] = "メールアドレスの形式が正しくありません。";
    } else {
      email = *normalized;
    }
  }
  if (booking.slot_id.empty()) errors["slot_id"] = "予約する時間を選択してください。";
  if (!errors.empty()) throw ValidationError("入力内容に誤りがあります。", errors);
  if (!principal.is_staff()) throw NotFoundError(no_such_slot_message);

  OnBehalfResult result;
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto key = domain::parse_slot_id(booking.slot_id);
    auto frame = key ? store::find_frame(t, key->frame_id) : std::nullopt;
    if (!frame) throw NotFoundError(no_such_slot_message);
    auto procedure = store::find_procedure(t, frame->procedure_id);
    auto office = store::find_office(t, procedure->office_id);
    // Only a slot of an office the staff member serves (the scope is in the query).
    if (!store::find_office_in_scope(t, office->code, scope_of(principal, StaffRole::operate))) {
      throw NotFoundError(no_such_slot_message);
    }
    auto slot = staff_slot(t, booking.slot_id, procedure->id, now);
    store::lock_slot(t, slot.id);
    take_locked_seat(t, slot.id, now);

    auto account = store::find_verified_user_matching(t, clean.job_seeker_number, email);
    const domain::Date applied_on = domain::jst_date_of(now);
    store::ReservationRow row;
    row.number = domain::reservation_number(applied_on, store::next_reservation_sequence(t, domain::to_compact(applied_on)));
    if (account) row.user_id = account->id;
    row.procedure_id = procedure->id;
    row.slot_id = slot.id;
    copy_details(clean, row);
    row.booked_by_staff_id = principal.id;
    row.channel = booking.channel;
    row.email = email;
    row.applied_at = now;
    // The terms in force are recorded; no agreed time, as the person did not agree on screen (窓口・電話で受付).
    if (auto terms = store::latest_terms_stamp(t, procedure->id)) row.terms_version_id = terms->id;
    row.id = store::insert_reservation(t, row);
    store::insert_history(t, row.id, "apply", now, actor_of(principal), channel_text(booking.channel));

    auto record = staff_record(t, principal, row.number);
    auto view = reservation_view_of(record, now);
    auto context = reservation_mail_context(view, links);
    context["lookup_link"] = links.reservations();
    if (auto to = booking_recipients(t, row); !to.empty()) {
      enqueue_mail(t, "reservation_confirmed", to, context, now, booking_mail_language(t, row));
      result.mailed = true;
    }
    audit(t, principal, "staff.reservation_created", record, client, now, booking.channel);
    result.number = row.number;
    result.attached_to_account = account.has_value();
  });
  return result;
}

std::vector<AccountMatch> find_job_seeker_accounts(db::Connection& c, const Principal& principal,
                                                   const std::string& office_code, const std::string& text,
                                                   const Client& client, std::int64_t now) {
  std::string query = domain::trim(text);
  if (auto number = domain::normalize_job_seeker_number(query)) {
    query = *number;
  } else if (auto email = domain::normalize_email(query)) {
    query = *email;
  } else {
    throw ValidationError("入力内容に誤りがあります。",
                          {{"account", "求職番号（例：12345-12345678）またはメールアドレスを入力してください。"}});
  }
  if (!principal.is_staff()) throw NotFoundError("指定された安定所はありません。");
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = store::find_office_in_scope(t, office_code, scope_of(principal, StaffRole::operate));
    if (!office) throw NotFoundError("指定された安定所はありません。");
    std::vector<AccountMatch> matches;
    for (const auto& user : store::find_verified_users_by_number_or_email(t, query, 5)) {
      matches.push_back({user.family_name, user.given_name, user.job_seeker_number, user.phone, user.email1});
    }
    store::append_audit(t, {now, "staff", principal.id, "staff.account_looked_up", "office", office->code, office->id,
                            client.ip, std::to_string(matches.size()) + " found"});
    return matches;
  });
}

MeetingResult set_meeting(db::Connection& c, const Principal& principal, const std::string& number,
                          const MeetingInput& input, const Links& links, const Client& client, std::int64_t now) {
  domain::MeetingFields fields;
  if (!input.generate) {
    auto checked = domain::check_meeting_fields(input.fields);
    if (!checked.errors.empty()) throw ValidationError("入力内容に誤りがあります。", checked.errors);
    fields = checked.clean;
  }
  MeetingResult result;
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = staff_record(t, principal, number, StaffRole::operate);
    const auto& row = record.reservation;
    if (row.status == "withdrawn") throw ConflictError("この予約は取下げられています。", "withdrawn");
    if (input.generate) {
      // No call to Zoom: an 11-digit ID and a 6-digit passcode, the URL from the office's template.
      fields.meeting_id = random_digits(11);
      fields.passcode = random_digits(6);
    }
    if (fields.join_url.empty()) {
      fields.join_url = domain::meeting_url_from_template(record.office.meeting_url_template, fields.meeting_id,
                                                          fields.passcode);
    }
    const bool first = !row.meeting_id.has_value();
    store::set_meeting(t, row.id, fields.meeting_id, fields.passcode, fields.join_url, now);
    store::insert_history(t, row.id, "meeting", now, actor_of(principal), first ? "登録" : "変更");
    auto after = staff_record(t, principal, number);
    auto context = reservation_mail_context(reservation_view_of(after, now), links);
    context["changed"] = !first;
    if (auto to = booking_recipients(t, row); !to.empty()) {
      enqueue_mail(t, "meeting_details", to, context, now, booking_mail_language(t, row));
      result.mailed = true;
    }
    audit(t, principal, "staff.meeting_set", after, client, now, first ? "set" : "changed");
  });
  result.meeting_id = fields.meeting_id;
  result.passcode = fields.passcode;
  result.join_url = fields.join_url;
  return result;
}

void record_attendance(db::Connection& c, const Principal& principal, const std::string& number,
                       const std::string& status, const std::string& reason, const Client& client, std::int64_t now) {
  if (status != "attended" && status != "no_show") {
    throw ValidationError("入力内容に誤りがあります。", {{"status", "出席または不参加を選択してください。"}});
  }
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = staff_record(t, principal, number, StaffRole::operate);
    const auto& row = record.reservation;
    auto view = reservation_view_of(record, now);
    if (row.status == "withdrawn") throw ConflictError("この予約は取下げられています。", "withdrawn");
    if (!domain::can_record_attendance(row.status, view.slot.date, view.slot.start_minute, now)) {
      throw ConflictError("出欠は面談開始の10分後（" +
                              domain::format_hh_mm(view.slot.start_minute + domain::no_show_grace_minutes) +
                              "）から記録できます。",
                          "too_early");
    }
    const bool correction = row.status != "confirmed";
    if (correction && row.status == status) return;  // already so
    std::string detail;
    if (correction) detail = "修正（理由：" + checked_reason(reason) + "）";
    if (!store::set_attendance(t, row.id, status, now)) throw ConflictError("この予約は取下げられています。", "withdrawn");
    store::insert_history(t, row.id, status, now, actor_of(principal), detail);
    audit(t, principal, "staff.attendance_recorded", record, client, now, status);
  });
}

void decide_online_booking(db::Connection& c, const Principal& principal, const std::string& number, bool refused,
                           const std::string& reason, const Client& client, std::int64_t now) {
  const std::string clean = checked_reason(reason);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto record = staff_record(t, principal, number, StaffRole::operate);
    store::insert_booking_override(t, {record.office.id, record.reservation.job_seeker_number, refused, clean,
                                       principal.id, now, ""});
    audit(t, principal, refused ? "staff.online_booking_refused" : "staff.online_booking_allowed", record, client,
          now);
  });
}

}  // namespace yoyaku::services
