// The one mapping from API errors to form messages: no wire text ("title: …", "minute(s)") reaches a person.
import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { formErrors, missingFields, plainDuration, plainError } from "./apiErrors";

const invalid = (field: string, message: string) => new ApiError(400, "invalid_input", message, field);

describe("formErrors", () => {
  it("puts a field's error next to that field, in plain words", () => {
    expect(formErrors(invalid("title", "title: must not be empty"), ["title"])).toEqual({ fields: { title: "Enter a title." }, form: null });
    expect(formErrors(invalid("endsAt", "endsAt: must be after the start time"), ["title", "endsAt"]).fields.endsAt).toBe("Must be after the start time.");
    expect(formErrors(invalid("password", "password: must be at least 8 characters"), ["password"]).fields.password).toBe("Must be at least 8 characters.");
    expect(formErrors(invalid("email", "email: must be a valid email address"), ["email"]).fields.email).toBe("Enter a valid email address.");
  });

  it("says an error about a field the form does not have above the form, naming the field in words", () => {
    expect(formErrors(invalid("endsAt", "endsAt: must be after the start time"), ["title"])).toEqual({
      fields: {},
      form: "The end time must be after the start time.",
    });
  });

  it("lets a form ask for an empty field in its own words", () => {
    expect(formErrors(invalid("name", "name: must not be empty"), ["name"], { name: "Give the token a name." }).fields.name).toBe("Give the token a name.");
  });

  it("reads socket.io acknowledgement errors the same way", () => {
    expect(plainError({ code: "invalid_input", message: "body: must not be empty", field: "body" })).toBe("The message must not be empty.");
    expect(plainError({ code: "rate_limited", message: "Slow down: too many events. Try again in a moment." })).toBe(
      "Slow down: too many events. Try again in a moment.",
    );
  });
});

describe("durations", () => {
  it("are said in plain words", () => {
    expect(plainDuration(900)).toBe("15 minutes");
    expect(plainDuration(60)).toBe("1 minute");
    expect(plainDuration(1)).toBe("1 second");
    expect(plainDuration(7200)).toBe("2 hours");
    expect(plainError(new ApiError(429, "rate_limited", "Too many attempts. Try again in 15 minute(s)"))).toBe("Too many attempts. Try again in 15 minutes.");
    expect(plainError(new ApiError(429, "rate_limited", "Too many attempts.", undefined, 900))).toBe("Too many attempts. Try again in 15 minutes.");
  });
});

describe("missingFields", () => {
  it("flags every empty required field at once", () => {
    expect(missingFields({ name: " ", email: "", password: "x" }, ["name", "email", "password"]).fields).toEqual({
      name: "Enter your name.",
      email: "Enter your email address.",
    });
  });
  it("gives other errors a sentence even without a known shape", () => {
    expect(plainError(new Error("boom"))).toBe("Something unexpected went wrong. Please try again.");
  });
});
