-- Customer lifetime value per customer (dw.dim_customer, computed once by the ETL; no personal data): lifetime revenue,
-- average ticket, lifespan, predicted revenue of the next 12 months = average_ticket x min(52, (orders - 1) x 365 /
-- max(lifespan_days, 30)) (0 with one order) and clv = lifetime_revenue + predicted_revenue_12m. Customers with a
-- revenue-bearing order only. The histogram per state and bucket is the physical dataset dw.agg_customer_value.
-- main time column: first_order_at
SELECT c.customer_key, c.city, c.state, c.region, c.persona, c.cohort_month, c.first_order_at, c.last_order_at,
       c.orders, c.lifetime_revenue, c.average_ticket, c.lifespan_days, c.predicted_revenue_12m, c.clv
FROM dw.dim_customer c
WHERE c.orders > 0
