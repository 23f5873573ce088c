-- Lifecycle stage of every product sold (dw.product_lifecycle, computed by the ETL as of the last complete month) with
-- the figures of its rules (Core/Analytics/ProductLifecycleAnalytics.cs): recent = revenue of the 3 months ending with
-- the reference month, prior = the 3 before, growth_rate = (recent - prior) / prior, share_of_peak = recent monthly
-- average / best month. simulated_lifecycle is the simulation's ground truth, for comparison.
SELECT l.product_key, p.name AS product_name, p.category, l.stage, l.reference_month, l.first_sale_day, l.age_days,
       l.recent_revenue, l.prior_revenue, l.growth_rate, l.peak_month, l.peak_revenue, l.share_of_peak, l.lifetime_revenue,
       p.lifecycle AS simulated_lifecycle
FROM dw.product_lifecycle l
JOIN dw.dim_product p ON p.product_key = l.product_key
