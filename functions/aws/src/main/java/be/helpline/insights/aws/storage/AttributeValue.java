package be.helpline.insights.aws.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One DynamoDB attribute value, as the service's JSON protocol carries it ({@code {"S": "…"}},
 * {@code {"N": "12"}}, …). The accessors answer null for a value of another type, as the SDK's do,
 * so {@code item.get("n:visits").n()} reads a counter and nothing else.
 */
public final class AttributeValue {
  /** The protocol's type names, which are also the JSON field names. */
  enum Type {
    S,
    N,
    B,
    BOOL,
    NULL,
    L,
    M,
    SS,
    NS
  }

  private final Type type;
  private final Object value;

  private AttributeValue(Type type, Object value) {
    this.type = type;
    this.value = Objects.requireNonNull(value, "an attribute value");
  }

  public static AttributeValue fromS(String value) {
    return new AttributeValue(Type.S, value);
  }

  /** A number in DynamoDB's decimal text form ({@code "12"}, {@code "0.5"}). */
  public static AttributeValue fromN(String value) {
    return new AttributeValue(Type.N, value);
  }

  public static AttributeValue fromB(byte[] value) {
    return new AttributeValue(Type.B, value.clone());
  }

  public static AttributeValue fromBool(boolean value) {
    return new AttributeValue(Type.BOOL, value);
  }

  public static AttributeValue fromNul() {
    return new AttributeValue(Type.NULL, Boolean.TRUE);
  }

  public static AttributeValue fromL(List<AttributeValue> value) {
    return new AttributeValue(Type.L, List.copyOf(value));
  }

  public static AttributeValue fromM(Map<String, AttributeValue> value) {
    return new AttributeValue(Type.M, Map.copyOf(value));
  }

  public static AttributeValue fromSs(List<String> value) {
    return new AttributeValue(Type.SS, List.copyOf(value));
  }

  public static AttributeValue fromNs(List<String> value) {
    return new AttributeValue(Type.NS, List.copyOf(value));
  }

  Type type() {
    return type;
  }

  public String s() {
    return type == Type.S ? (String) value : null;
  }

  public String n() {
    return type == Type.N ? (String) value : null;
  }

  public byte[] b() {
    return type == Type.B ? ((byte[]) value).clone() : null;
  }

  public Boolean bool() {
    return type == Type.BOOL ? (Boolean) value : null;
  }

  public boolean isNul() {
    return type == Type.NULL;
  }

  @SuppressWarnings("unchecked")
  public List<AttributeValue> l() {
    return type == Type.L ? (List<AttributeValue>) value : null;
  }

  @SuppressWarnings("unchecked")
  public Map<String, AttributeValue> m() {
    return type == Type.M ? (Map<String, AttributeValue>) value : null;
  }

  @SuppressWarnings("unchecked")
  public List<String> ss() {
    return type == Type.SS ? (List<String>) value : null;
  }

  @SuppressWarnings("unchecked")
  public List<String> ns() {
    return type == Type.NS ? (List<String>) value : null;
  }

  /** The raw value, for the codec: a String, Boolean, byte[], List or Map by type. */
  Object raw() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof AttributeValue that) || type != that.type) {
      return false;
    }
    return type == Type.B
        ? Arrays.equals((byte[]) value, (byte[]) that.value)
        : value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return type == Type.B ? Arrays.hashCode((byte[]) value) : Objects.hash(type, value);
  }

  /** The type only: items hold registrations, and a value has no business in a log line. */
  @Override
  public String toString() {
    return "AttributeValue(" + type + ")";
  }
}
