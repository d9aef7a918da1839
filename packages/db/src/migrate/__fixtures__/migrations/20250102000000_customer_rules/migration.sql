-- Hand-written: nothing schema.prisma can express.
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_grade_check" CHECK ("grade" IN ('basic', 'vip'));

CREATE FUNCTION customer_phone_normalize() RETURNS trigger AS $$
BEGIN
  NEW."phone" := regexp_replace(NEW."phone", '[^0-9]', '', 'g');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER customer_phone_normalize BEFORE INSERT OR UPDATE ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION customer_phone_normalize();
