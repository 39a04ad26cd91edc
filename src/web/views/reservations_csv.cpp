#include "web/views/reservations_csv.hpp"

#include "domain/csv.hpp"
#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "web/respond.hpp"
#include "web/views/labels.hpp"

namespace yoyaku::web {

std::string reservations_csv(const services::OfficeBookings& data) {
  std::vector<std::vector<std::string>> records = {{"日付", "開始", "終了", "施設", "予約枠", "手続き", "予約番号", "氏",
                                                    "名", "求職番号", "電話番号", "ご相談内容", "状態", "面談情報",
                                                    "受付経路", "申込日時", "職員メモ"}};
  for (const auto& r : data.bookings) {
    const auto& row = r.row;
    const bool withdrawn = row.status == "withdrawn";
    records.push_back({domain::to_iso(r.slot.date), domain::format_hh_mm(r.slot.start_minute),
                       domain::format_hh_mm(r.slot.end_minute), r.slot.facility, r.slot.frame, r.procedure.title,
                       row.number, row.family_name, row.given_name, row.job_seeker_number, row.phone,
                       domain::join_list(topic_labels(r.topics), "・"),
                       staff_status_text(domain::attendance_code(r.attendance)),
                       withdrawn ? "" : row.meeting_id ? "登録済み" : "未登録", channel_text(row.channel),
                       domain::japanese_date_time(row.applied_at), row.staff_note});
  }
  return domain::csv_document(records);
}

std::string reservations_csv_filename(const services::OfficeBookings& data) {
  return "reservations-" + data.office.code + "-" + domain::to_iso(data.from) + "-" + domain::to_iso(data.to) + ".csv";
}

Response office_reservations_csv_response(RequestContext& ctx) {
  const std::string today = domain::to_iso(domain::jst_date_of(ctx.now));
  const std::string from = ctx.query_or("from", today);
  const std::string to = ctx.query_or("to", from);
  auto data = services::export_office_bookings(ctx.db(), ctx.principal(), ctx.param("office"), from, to, ctx.client(),
                                               ctx.now);
  return attachment("text/csv; charset=utf-8", reservations_csv_filename(data), reservations_csv(data));
}

}  // namespace yoyaku::web
