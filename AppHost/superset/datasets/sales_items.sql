-- Revenue-bearing order items with the names of their dimensions (dw.sales_flat, one row per item): the dataset for
-- ad-hoc charts on any dimension. revenue = item price (freight excluded); margin = revenue - cost where cost is known.
-- main time column: purchase_date
SELECT s.*, s.revenue - s.cost AS margin
FROM dw.sales_flat s
WHERE s.is_revenue
