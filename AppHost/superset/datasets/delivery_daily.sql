-- Delivery per purchase business day, ship state and carrier, from dw.agg_daily_delivery, per order with a delivery
-- record. Sum the counts and sums first, then divide: on-time share = SUM(on_time) / SUM(delivered), average delay =
-- SUM(delay_days_sum) / SUM(delivered) (negative: early), average lateness = SUM(late_days_sum) / SUM(late).
-- main time column: date_key
SELECT a.date_key, d.year_month, a.state, l.region, a.carrier,
       a.orders, a.delivered, a.orders - a.delivered AS in_transit, a.on_time, a.late,
       a.delivery_days_sum, a.delay_days_sum, a.late_days_sum
FROM dw.agg_daily_delivery a
JOIN dw.dim_date d ON d.date_key = a.date_key
JOIN dw.dim_location l ON l.state = a.state
