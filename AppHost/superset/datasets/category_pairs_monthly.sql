-- Pairs of categories bought in the same revenue-bearing order, per month (dw.agg_daily_basket_pairs, level category),
-- with the month's revenue-bearing orders holding each category and all revenue-bearing orders: support =
-- orders / month_orders, confidence A->B = orders / orders_a, lift = orders * month_orders / (orders_a * orders_b).
-- main time column: month
WITH pairs AS (
    SELECT date_trunc('month', p.date_key::timestamp)::date AS month, p.item_a, p.item_b, sum(p.orders) AS orders
    FROM dw.agg_daily_basket_pairs p WHERE p.level = 'category'
    GROUP BY 1, 2, 3
), categories AS (
    SELECT date_trunc('month', a.date_key::timestamp)::date AS month, a.category, sum(a.revenue_orders) AS orders
    FROM dw.agg_daily_sales a GROUP BY 1, 2
), months AS (
    SELECT date_trunc('month', a.date_key::timestamp)::date AS month, sum(a.revenue_orders) AS orders
    FROM dw.agg_daily_orders a GROUP BY 1
)
SELECT p.month, p.item_a AS category_a, p.item_b AS category_b, p.orders, a.orders AS orders_a, b.orders AS orders_b,
       m.orders AS month_orders,
       p.orders::numeric / nullif(m.orders, 0) AS support,
       p.orders::numeric / nullif(a.orders, 0) AS confidence_a_to_b,
       p.orders::numeric / nullif(b.orders, 0) AS confidence_b_to_a,
       p.orders::numeric * m.orders / nullif(a.orders * b.orders, 0) AS lift
FROM pairs p
JOIN categories a ON a.month = p.month AND a.category = p.item_a
JOIN categories b ON b.month = p.month AND b.category = p.item_b
JOIN months m ON m.month = p.month
