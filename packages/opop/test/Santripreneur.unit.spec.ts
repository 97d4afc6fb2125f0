import { describe, expect, it } from "vitest"
import type { Actor } from "@jatim/kernel"
import { Decider } from "@jatim/eventstore"
import { DeciderSpecification } from "@jatim/testing"
import { Santripreneur, SantripreneurCommand, SantripreneurError, SantripreneurEvent } from "../src/index.js"
import { admin, curator, dinas, everyone, now, nspp, otherAdmin, otherNspp, santri, today } from "./fixtures.js"

const spec = DeciderSpecification.for(Santripreneur.decider)

const enroll = (actor: Actor.Actor, pesantren = nspp) =>
  new SantripreneurCommand.EnrollSantripreneur({ actor, santriId: santri, nspp: pesantren, name: "Ahmad Fauzi" })
const train = (actor: Actor.Actor = admin, topic: "KEWIRAUSAHAAN" | "KEMASAN" = "KEWIRAUSAHAAN") =>
  new SantripreneurCommand.RecordTraining({ actor, santriId: santri, topic })
const startVenture = (actor: Actor.Actor = admin) =>
  new SantripreneurCommand.StartVenture({ actor, santriId: santri, ventureName: "Warung Kopi Santri", category: "MINUMAN" })
const graduate = (actor: Actor.Actor = admin) => new SantripreneurCommand.GraduateSantripreneur({ actor, santriId: santri })

const enrolled = new SantripreneurEvent.SantripreneurEnrolled({ santriId: santri, nspp, name: "Ahmad Fauzi", enrolledOn: today })
const trained = new SantripreneurEvent.SantripreneurTrained({ santriId: santri, topic: "KEWIRAUSAHAAN", trainedOn: today })
const ventureStarted = new SantripreneurEvent.VentureStarted({
  santriId: santri,
  ventureName: "Warung Kopi Santri",
  category: "MINUMAN",
  startedOn: today
})
const graduated = new SantripreneurEvent.SantripreneurGraduated({ santriId: santri, graduatedOn: today })

describe("Santripreneur", () => {
  it("is enrolled by their pesantren's admin, and by no one else", () => {
    spec.given([]).at(now).when(enroll(admin)).then([enrolled])
    for (const actor of everyone.filter((a) => a !== admin)) spec.given([]).when(enroll(actor)).thenFailsWith("ActorNotAuthorized")
    spec.given([]).when(enroll(admin, otherNspp)).thenFailsWith("ActorNotAuthorized")
    spec
      .given([enrolled])
      .when(enroll(admin))
      .then(new SantripreneurError.SantripreneurAlreadyEnrolled({ santriId: santri }))
  })

  it("is trained (recorded by the admin or a Dinas officer); the same training again changes nothing", () => {
    spec.given([enrolled]).at(now).when(train()).then([trained])
    spec.given([enrolled]).at(now).when(train(dinas)).then([trained])
    // A santri is their pesantren's and the Dinas's business: to others they are not enrolled,
    // the same answer as for a santri that does not exist.
    for (const stranger of [curator, otherAdmin]) {
      expect(spec.given([enrolled]).when(train(stranger)).thenFailsWith("SantripreneurNotEnrolled")).toEqual(
        spec.given([]).when(train(stranger)).thenFailsWith("SantripreneurNotEnrolled")
      )
    }
    spec.given([enrolled, trained]).when(train()).then([])
    spec
      .given([])
      .when(train())
      .then(new SantripreneurError.SantripreneurNotEnrolled({ santriId: santri, action: "record a training" }))
  })

  it("starts a venture only after training, once", () => {
    spec
      .given([enrolled])
      .when(startVenture())
      .then(new SantripreneurError.TrainingRequired({ santriId: santri }))
    spec.given([enrolled, trained]).at(now).when(startVenture()).then([ventureStarted])
    spec.given([enrolled, trained]).when(startVenture(dinas)).thenFailsWith("ActorNotAuthorized")
    spec.given([enrolled, trained, ventureStarted]).when(startVenture()).thenFailsWith("VentureAlreadyStarted")
  })

  it("graduates as independent only with a venture; a graduate's record is closed", () => {
    const error = spec.given([enrolled, trained]).when(graduate()).thenFailsWith("VentureRequired")
    expect(error.message).toMatch(/kemandirian santri/)
    spec.given([enrolled, trained, ventureStarted]).at(now).when(graduate()).then([graduated])
    spec.given([enrolled, trained, ventureStarted]).at(now).when(graduate(dinas)).then([graduated])
    spec.given([enrolled, trained, ventureStarted]).when(graduate(curator)).thenFailsWith("SantripreneurNotEnrolled")
    // Nor does a stranger learn that a santri graduated.
    spec.given([enrolled, trained, ventureStarted, graduated]).when(graduate(curator)).thenFailsWith("SantripreneurNotEnrolled")
    const closed = [enrolled, trained, ventureStarted, graduated]
    for (const command of [train(admin, "KEMASAN"), startVenture(), graduate()]) {
      spec.given(closed).when(command).thenFailsWith("SantripreneurAlreadyGraduated")
    }
  })

  it("evolves through enrollment, trainings, venture and graduation", () => {
    expect(Decider.fold(Santripreneur.decider, [enrolled, trained, trained, ventureStarted, graduated])).toEqual({
      _tag: "Enrolled",
      santriId: santri,
      nspp,
      name: "Ahmad Fauzi",
      trainings: ["KEWIRAUSAHAAN"],
      venture: { name: "Warung Kopi Santri", category: "MINUMAN" },
      graduated: true
    })
    expect(Santripreneur.streamName(santri)).toBe("santripreneur-santri-001")
  })
})
