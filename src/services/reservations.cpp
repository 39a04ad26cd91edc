#include "services/reservations.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/reservation_rules.hpp"
#include "domain/search_text.hpp"
#include "domain/text.hpp"
#include "services/errors.hpp"
#include "services/mail.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

constexpr const char* help_desk_phone = "0570-028-609";

std::string history_text(const std::string& action) {
  if (action == "apply") return "申込";
  if (action == "modify") return "修正";
  if (action == "withdraw") return "取下げ";
  if (action == "meeting") return "面談情報登録";
  if (action == "attended") return "面談済み";
  if (action == "no_show") return "不参加";
  return action;
}

SlotView slot_of(db::Connection& c, std::int64_t slot_id) {
  auto slot = store::find_slot(c, slot_id);
  auto frame = store::find_frame(c, slot->frame_id);
  auto facility = store::find_facility(c, frame->facility_id);
  SlotView view;
  view.id = slot_id_of(frame->id, *domain::parse_iso_date(slot->date), slot->start_minute);
  view.frame_id = frame->id;
  view.facility = facility->name;
  view.frame = frame->name;
  view.date = *domain::parse_iso_date(slot->date);
  view.start_minute = slot->start_minute;
  view.end_minute = slot->end_minute;
  view.capacity = slot->capacity;
  return view;
}

ReservationView view_of(db::Connection& c, const store::ReservationRow& row, std::int64_t now, bool with_history) {
  ReservationView view;
  view.row = row;
  view.procedure = *store::find_procedure(c, row.procedure_id);
  view.office = *store::find_office(c, view.procedure.office_id);
  view.slot = slot_of(c, row.slot_id);
  for (const auto& code : domain::split_list(row.topics)) {
    for (const auto& option : topic_options()) {
      if (option.code == code) view.topic_labels.push_back(option.label);
    }
  }
  if (with_history) {
    for (const auto& h : store::reservation_history(c, row.id)) {
      view.history.push_back({h.action, history_text(h.action), h.at, h.detail});
    }
  }
  view.status_text = status_text(row.status);
  view.change_deadline = domain::change_deadline(view.slot.date, view.procedure.change_deadline_days_before);
  const bool confirmed = row.status == "confirmed";
  view.can_modify = confirmed && now <= view.change_deadline;
  view.can_withdraw = confirmed && domain::can_withdraw_online(view.slot.date, now);
  view.same_day = confirmed && domain::jst_date_of(now) == view.slot.date;
  const int minutes_before = view.procedure.meeting_link_minutes_before;
  view.meeting_link_opens_at = domain::meeting_link_opens_at(view.slot.date, view.slot.start_minute, minutes_before);
  view.meeting_link_open = confirmed && row.meeting_id &&
                           domain::meeting_link_open(view.slot.date, view.slot.start_minute, view.slot.end_minute,
                                                     minutes_before, now);
  return view;
}

nlohmann::json mail_context(const ReservationView& r, const std::string& base_url) {
  return {{"family_name", r.row.family_name},
          {"given_name", r.row.given_name},
          {"number", r.row.number},
          {"procedure_title", r.procedure.title},
          {"facility_name", r.slot.facility},
          {"frame_name", r.slot.frame},
          {"date_text", domain::japanese_date(r.slot.date)},
          {"time_text", domain::japanese_time_range(r.slot.start_minute, r.slot.end_minute)},
          {"office_name", r.office.name},
          {"office_phone", phone_for(r.office)},
          {"detail_link", base_url + "/reservations/" + r.row.number}};
}

// Escapes text for an iCalendar property value (RFC 5545 §3.3.11).
std::string ics_text(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '\\' || ch == ';' || ch == ',') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch != '\r') {
      out += ch;
    }
  }
  return out;
}

// Folds a content line at 75 octets without splitting a UTF-8 character.
std::string ics_line(const std::string& line) {
  std::string out;
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size();) {
    unsigned char lead = static_cast<unsigned char>(line[i]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
    if (column + length > 75) {
      out += "\r\n ";
      column = 1;
    }
    out.append(line, i, length);
    column += length;
    i += length;
  }
  return out + "\r\n";
}

std::string ics_local_time(domain::Date date, int minute) {
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d%02d00", domain::to_compact(date).c_str(), minute / 60, minute % 60);
  return text;
}

std::string ics_utc(std::int64_t at) {
  auto jst = domain::to_jst(at - 9 * 3600);  // the JST fields of (at − 9 h) are the UTC fields of `at`
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d%02d%02dZ", domain::to_compact(jst.date).c_str(), jst.hour, jst.minute,
                jst.second);
  return text;
}

}  // namespace

std::string status_text(const std::string& status) {
  if (status == "confirmed") return "予約完了";
  if (status == "withdrawn") return "取下げ";
  if (status == "attended") return "面談済み";
  if (status == "no_show") return "不参加";
  return status;
}

std::string phone_for(const store::Office& office) { return office.phone.empty() ? help_desk_phone : office.phone; }

std::optional<ReservationView> own_reservation(db::Connection& c, std::int64_t user_id, const std::string& number,
                                               std::int64_t now) {
  return db::in_transaction(c, false, [&](db::Connection& t) -> std::optional<ReservationView> {
    auto row = store::find_reservation_by_number(t, number);
    if (!row || row->user_id != user_id) return std::nullopt;
    return view_of(t, *row, now, true);
  });
}

ReservationPage search_reservations(db::Connection& c, std::int64_t user_id, const ReservationSearch& search,
                                    std::int64_t now) {
  store::ReservationFilter filter;
  filter.user_id = user_id;
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
    for (const auto& row : store::find_reservations(t, filter)) page.items.push_back(view_of(t, row, now, false));
    return page;
  });
}

ModifyPreview preview_modification(db::Connection& c, const store::User& user, const ReservationView& reservation,
                                   const ModifyForm& form, std::int64_t now) {
  if (!reservation.can_modify) {
    throw DeadlinePassedError("変更の受付期限を過ぎています。予約したハローワークへお電話でご連絡ください。");
  }
  ReservationForm input;
  input.family_name = form.family_name;
  input.given_name = form.given_name;
  input.job_seeker_number = form.job_seeker_number;
  input.phone = form.phone;
  input.topics = form.topics;
  input.staff_note = form.staff_note;
  ModifyPreview preview;
  preview.clean = validate_reservation_form(input);
  if (!form.hold_id.empty()) {
    auto hold = live_hold(c, user.id, form.hold_id, now);
    if (!hold) throw HoldLapsedError("新しい日時の仮予約の有効期限が切れました。もう一度、日時を選択してください。");
    if (hold->procedure_id != reservation.procedure.id) throw NotFoundError("仮予約が見つかりません。");
    preview.new_slot = hold;
  }
  return preview;
}

void modify_reservation(db::Connection& c, const store::User& user, const std::string& number,
                        const ModifyForm& form, const std::string& base_url, std::int64_t now) {
  auto current = own_reservation(c, user.id, number, now);
  if (!current) throw NotFoundError("指定された予約はありません。");
  auto preview = preview_modification(c, user, *current, form, now);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto row = store::find_reservation_by_number(t, number);
    if (!row || row->status != "confirmed") throw NotFoundError("指定された予約は変更できません。");
    std::vector<std::string> changed;
    store::ReservationRow values = *row;
    auto note = [&](const char* what, const std::string& before, const std::string& after) {
      if (before != after) changed.push_back(what);
    };
    note("氏名", row->family_name + " " + row->given_name,
         preview.clean.family_name + " " + preview.clean.given_name);
    note("求職番号", row->job_seeker_number, preview.clean.job_seeker_number);
    note("連絡先電話番号", row->phone, preview.clean.phone);
    note("ご相談内容", row->topics, domain::join_list(preview.clean.topics));
    note("ハローワーク職員用項目", row->staff_note, preview.clean.staff_note);
    values.family_name = preview.clean.family_name;
    values.given_name = preview.clean.given_name;
    values.job_seeker_number = preview.clean.job_seeker_number;
    values.phone = preview.clean.phone;
    values.topics = domain::join_list(preview.clean.topics);
    values.staff_note = preview.clean.staff_note;
    store::update_reservation_details(t, row->id, values, now);
    if (preview.new_slot) {
      // The new seat is already ours (the hold took it); hand it to the
      // reservation and give the old seat back — all or nothing.
      auto hold = store::find_hold(t, form.hold_id);
      if (!hold || hold->released_at || hold->expires_at <= now) {
        throw HoldLapsedError("新しい日時の仮予約の有効期限が切れました。もう一度、日時を選択してください。");
      }
      store::lock_slot(t, row->slot_id);
      store::release_hold(t, hold->id, now, "confirmed");
      store::give_back_seat(t, row->slot_id);
      store::move_reservation(t, row->id, hold->slot_id, now);
      changed.push_back("予約日時");
    }
    store::insert_history(t, row->id, "modify", now, user.id, domain::join_list(changed));
    auto updated = store::find_reservation_by_number(t, number);
    auto view = view_of(t, *updated, now, false);
    auto context = mail_context(view, base_url);
    context["changes"] = changed.empty() ? "なし" : domain::join_list(changed, "、");
    enqueue_mail(t, "reservation_modified", recipients_of(user), context, now);
  });
}

std::string validate_withdrawal_reason(const std::string& reason) {
  std::string clean = domain::trim(reason);
  // Line ends count as one character, however the browser sent them.
  std::string normalised;
  for (std::size_t i = 0; i < clean.size(); ++i) {
    if (clean[i] == '\r') {
      if (i + 1 < clean.size() && clean[i + 1] == '\n') continue;
      normalised += '\n';
    } else {
      normalised += clean[i];
    }
  }
  if (normalised.empty()) {
    throw ValidationError("入力内容に誤りがあります。", {{"reason", "取消事由を入力してください。"}});
  }
  if (!domain::is_valid_utf8(normalised)) {
    throw ValidationError("入力内容に誤りがあります。", {{"reason", "取消事由に使用できない文字が含まれています。"}});
  }
  std::size_t count = domain::count_user_characters(normalised);
  if (count > withdrawal_reason_max) {
    throw ValidationError("入力内容に誤りがあります。",
                          {{"reason", "取消事由は2000文字以内で入力してください（現在" + std::to_string(count) + "文字）。"}});
  }
  return normalised;
}

void withdraw_reservation(db::Connection& c, const store::User& user, const std::string& number,
                          const std::string& reason, const std::string& base_url, std::int64_t now) {
  std::string clean = validate_withdrawal_reason(reason);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto row = store::find_reservation_by_number(t, number);
    if (!row || row->user_id != user.id) throw NotFoundError("指定された予約はありません。");
    auto view = view_of(t, *row, now, false);
    if (row->status != "confirmed") throw NotFoundError("この予約は既に取下げられています。");
    if (!view.can_withdraw) {
      throw DeadlinePassedError("当日の取下げ（キャンセル）は、お電話のみで受け付けています。" + view.office.name +
                                "（電話 " + phone_for(view.office) + "）へご連絡ください。");
    }
    store::lock_slot(t, row->slot_id);
    if (!store::withdraw_reservation(t, row->id, clean, now)) throw NotFoundError("この予約は既に取下げられています。");
    store::give_back_seat(t, row->slot_id);  // the seat is free again at once
    store::insert_history(t, row->id, "withdraw", now, user.id, "");
    auto context = mail_context(view, base_url);
    context["reason"] = clean;
    enqueue_mail(t, "reservation_withdrawn", recipients_of(user), context, now);
  });
}

std::string reservation_ics(const ReservationView& r, const std::string& base_url, std::int64_t now) {
  const bool cancelled = r.row.status == "withdrawn";
  int sequence = 0;
  for (const auto& h : r.history) sequence += h.action != "apply";
  std::string description = r.procedure.title + "\n予約番号：" + r.row.number + "\n予約施設：" + r.slot.facility +
                            "\n予約内容の確認・変更：" + base_url + "/reservations/" + r.row.number;
  if (r.row.meeting_id) {
    description += "\nミーティングID：" + *r.row.meeting_id;
    if (r.row.meeting_passcode) description += "\nパスコード：" + *r.row.meeting_passcode;
    description += "\n名前：" + r.row.job_seeker_number + " " + r.row.family_name + " " + r.row.given_name;
  }
  std::string out;
  out += ics_line("BEGIN:VCALENDAR");
  out += ics_line("VERSION:2.0");
  out += ics_line("PRODID:-//yoyaku//ハローワーク面談予約//JA");
  out += ics_line("CALSCALE:GREGORIAN");
  out += ics_line(std::string("METHOD:") + (cancelled ? "CANCEL" : "PUBLISH"));
  out += ics_line("BEGIN:VTIMEZONE");
  out += ics_line("TZID:Asia/Tokyo");
  out += ics_line("BEGIN:STANDARD");
  out += ics_line("DTSTART:19700101T000000");
  out += ics_line("TZOFFSETFROM:+0900");
  out += ics_line("TZOFFSETTO:+0900");
  out += ics_line("TZNAME:JST");
  out += ics_line("END:STANDARD");
  out += ics_line("END:VTIMEZONE");
  out += ics_line("BEGIN:VEVENT");
  out += ics_line("UID:" + r.row.number + "@yoyaku");
  out += ics_line("DTSTAMP:" + ics_utc(now));
  out += ics_line("SEQUENCE:" + std::to_string(sequence));
  out += ics_line("DTSTART;TZID=Asia/Tokyo:" + ics_local_time(r.slot.date, r.slot.start_minute));
  out += ics_line("DTEND;TZID=Asia/Tokyo:" + ics_local_time(r.slot.date, r.slot.end_minute));
  out += ics_line("SUMMARY:" + ics_text(r.procedure.title));
  out += ics_line("DESCRIPTION:" + ics_text(description));
  out += ics_line("LOCATION:" + ics_text(r.row.meeting_url ? *r.row.meeting_url : "オンライン（Zoom）"));
  if (r.row.meeting_url) out += ics_line("URL:" + *r.row.meeting_url);
  out += ics_line(std::string("STATUS:") + (cancelled ? "CANCELLED" : "CONFIRMED"));
  out += ics_line("END:VEVENT");
  out += ics_line("END:VCALENDAR");
  return out;
}

}  // namespace yoyaku::services
