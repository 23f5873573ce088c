-- Sales per business day, ship state and product category, from the aggregate dw.agg_daily_sales: revenue-bearing items,
-- revenue, freight and known COGS (items_with_cost of the items have a cost). An order with items in two categories
-- counts in each: use sales_daily for order totals.
-- main time column: date_key
SELECT a.date_key, d.year, d.month, d.year_month, a.state, l.region, a.category,
       a.orders, a.revenue_orders, a.items, a.items_with_cost, a.revenue, a.freight, a.cost,
       a.revenue - a.cost AS gross_profit_known_cost
FROM dw.agg_daily_sales a
JOIN dw.dim_date d ON d.date_key = a.date_key
JOIN dw.dim_location l ON l.state = a.state
