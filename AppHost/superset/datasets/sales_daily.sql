-- Sales per business day (America/Sao_Paulo) and ship state, from the aggregate dw.agg_daily_orders, with the calendar
-- and the region: orders placed (any status), revenue-bearing orders, items, revenue, freight, known COGS and buyers
-- (distinct per day and state: do not add them up across days). average_ticket = revenue / revenue_orders.
-- main time column: date_key
SELECT a.date_key, d.year, d.quarter, d.month, d.year_month, d.iso_week, d.weekday_name, d.is_weekend,
       d.holiday_name, d.retail_event,
       a.state, l.name AS state_name, l.region,
       a.orders, a.revenue_orders, a.items, a.revenue, a.freight, a.cost, a.customers,
       a.revenue / nullif(a.revenue_orders, 0) AS average_ticket
FROM dw.agg_daily_orders a
JOIN dw.dim_date d ON d.date_key = a.date_key
JOIN dw.dim_location l ON l.state = a.state
