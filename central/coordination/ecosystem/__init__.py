"""The integration ecosystem as a coordinator sees it: partner services by kind and area,
the waits from referral to outcome by kind and area, and the gaps (issue 13, item 3)."""
