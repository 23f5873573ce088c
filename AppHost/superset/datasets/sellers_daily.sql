-- Per purchase business day, seller and ship state, from dw.agg_daily_seller (an order with items of two sellers counts
-- for each): orders, revenue-bearing orders, canceled or unavailable orders, the seller's revenue-bearing items and
-- revenue, delivery counts and sums (as delivery_daily) and reviewed orders with the sum of their scores
-- (average review = SUM(review_score_sum) / SUM(reviewed)). The seller ranking's score is defined in
-- Core/Analytics/SellerRankingAnalytics.cs.
-- main time column: date_key
SELECT a.date_key, a.seller_key, s.name AS seller_name, s.city AS seller_city, s.state AS seller_state, s.region AS seller_region,
       a.state AS ship_state, a.orders, a.revenue_orders, a.canceled_orders, a.items, a.revenue,
       a.delivery_orders, a.delivered, a.on_time, a.late, a.delivery_days_sum, a.delay_days_sum, a.late_days_sum,
       a.reviewed, a.review_score_sum
FROM dw.agg_daily_seller a
JOIN dw.dim_seller s ON s.seller_key = a.seller_key
