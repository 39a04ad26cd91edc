#pragma once
// The office's bookings as a CSV file (「CSVダウンロード」), the same for the
// staff page route and the API: UTF-8 with a byte-order mark, CRLF, RFC 4180
// quoting and the formula-injection guard of domain::csv_field.
#include <string>

#include "services/staff/schedule.hpp"
#include "web/context.hpp"

namespace yoyaku::web {

// 日付, 開始, 終了, 施設, 予約枠, 手続き, 予約番号, 氏, 名, 求職番号, 電話番号,
// ご相談内容, 状態, 面談情報, 受付経路, 申込日時, 職員メモ — one line per booking.
std::string reservations_csv(const services::OfficeBookings& export_data);
// "reservations-13040-2026-12-01-2026-12-07.csv"
std::string reservations_csv_filename(const services::OfficeBookings& export_data);

// ?from=YYYY-MM-DD&to=YYYY-MM-DD (each today by default) of the office in the path, as an attachment.
Response office_reservations_csv_response(RequestContext& ctx);

}  // namespace yoyaku::web
