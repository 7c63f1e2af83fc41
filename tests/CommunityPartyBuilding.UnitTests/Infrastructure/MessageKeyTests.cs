using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.UnitTests.Infrastructure;

/// <summary>
/// Every message a rule or handler can raise must exist in the strings table in both languages, and so must every
/// argument that names a field label: otherwise the reader sees "请填写Field.Meeting.Text。".
/// </summary>
public partial class MessageKeyTests
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommunityPartyBuilding.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<Dictionary<string, string>> Chinese = new(() => Table("SharedResource.resx"));

    private static readonly Lazy<Dictionary<string, string>> English = new(() => Table("SharedResource.en.resx"));

    private static Dictionary<string, string> Table(string file) =>
        XDocument.Load(Path.Combine(Root.Value, "src", "CommunityPartyBuilding.Web", "Resources", file))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    /// <summary>What the page and the API show for a failure, in one language (arguments that are keys are translated, as ProblemResponses does).</summary>
    private static string Render(ValidationFailure failure, Dictionary<string, string> table) =>
        string.Format(CultureInfo.InvariantCulture, table[failure.MessageKey],
            failure.Arguments.Select(a => a is string s && LooksLikeKey(s) ? table[s] : a).ToArray());

    private static bool LooksLikeKey(string s) => KeyPattern().IsMatch(s);

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$")]
    private static partial Regex KeyPattern();

    /// <summary>Failures of every rule, from input that is wrong in every way the rule checks.</summary>
    public static TheoryData<string> RuleOutputs() => new(AllRuleFailures().Select(f => f.Name).Distinct());

    private static IEnumerable<(string Name, ValidationFailure Failure)> AllRuleFailures()
    {
        var meetingDate = new DateOnly(2026, 3, 20);
        var longText = new string('长', 20_001);
        var sets = new Dictionary<string, IEnumerable<ValidationFailure>>
        {
            ["meeting, empty"] = MeetingInputRules.Validate(new MeetingInput { Kind = (MeetingKind)99 }),
            ["meeting, too long"] = MeetingInputRules.Validate(new MeetingInput { Title = longText, Place = longText, Convener = longText, Agenda = [longText], ScheduledAt = DateTimeOffset.UnixEpoch }),
            ["resolution, empty"] = MeetingInputRules.Validate(new ResolutionInput(), meetingDate),
            ["resolution, too long"] = MeetingInputRules.Validate(new ResolutionInput
            {
                Title = longText, Content = longText, LeadUnitId = Guid.Empty, CooperatingUnitIds = [Guid.Empty], Deadline = meetingDate.AddDays(-1),
            }, meetingDate),
            ["progress, empty"] = MeetingInputRules.ValidateProgress(-1, " "),
            ["progress, too long"] = MeetingInputRules.ValidateProgress(101, longText),
            ["quorum"] = QuorumRules.CheckResolution(QuorumRules.Evaluate(1, 10, 0.5m), 1, 0, 0),
            ["votes negative"] = QuorumRules.CheckResolution(QuorumRules.Evaluate(10, 10, 0.5m), -1, 0, 0),
            ["votes"] = QuorumRules.CheckResolution(QuorumRules.Evaluate(10, 10, 0.5m), 5, 3, 0)
                .Concat(QuorumRules.CheckResolution(QuorumRules.Evaluate(10, 10, 0.5m), 9, 3, 0)),
            ["committee"] = CommitteeRules.Validate(new CommitteeProfile
            {
                Name = "", Secretary = longText, DeliberationRules = longText + longText, EstablishedOn = meetingDate.AddDays(1),
                QuorumFraction = 1m, MinimumJointMeetingsPerQuarter = 0, AnnualActivityTarget = 0,
            }, meetingDate).Concat(CommitteeRules.Validate(new CommitteeProfile { Name = longText, MinimumJointMeetingsPerQuarter = 14, AnnualActivityTarget = 1001 }, meetingDate)),
            ["campaign"] = CampaignRules.ValidateSettings(1999, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new IndicatorWeights(-1, 0, 0, 0, 0), new GradeThresholds(50, 60, 70))
                .Concat(CampaignRules.ValidateSettings(2026, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), new IndicatorWeights(10, 10, 10, 10, 10), GradeThresholds.Default)),
            ["adjustment"] = CampaignRules.ValidateAdjustment(30m, null)
                .Concat(CampaignRules.ValidateAdjustment(1.25m, new string('x', 501))),
        };
        return sets.SelectMany(s => s.Value.Select(f => (s.Key, f)));
    }

    [Theory]
    [MemberData(nameof(RuleOutputs))]
    public void Every_message_a_rule_emits_and_every_label_it_names_is_in_both_languages(string rule)
    {
        var failures = AllRuleFailures().Where(f => f.Name == rule).Select(f => f.Failure).ToList();
        Assert.NotEmpty(failures);
        foreach (var failure in failures)
        {
            foreach (var key in failure.Arguments.OfType<string>().Where(LooksLikeKey).Prepend(failure.MessageKey))
            {
                Assert.True(Chinese.Value.ContainsKey(key), $"{rule}: {key} is not in the Chinese table");
                Assert.True(English.Value.ContainsKey(key), $"{rule}: {key} is not in the English table");
            }

            // Rendered, no key or placeholder is left for the reader.
            foreach (var text in new[] { Render(failure, Chinese.Value), Render(failure, English.Value) })
            {
                Assert.DoesNotMatch(@"\{\d\}|Field\.|Validation\.", text);
            }
        }
    }

    [Fact]
    public void Resolutions_and_progress_reports_name_their_own_fields()
    {
        var resolution = MeetingInputRules.Validate(new ResolutionInput { Content = new string('x', 10_001) }, new DateOnly(2026, 3, 20));
        Assert.Equal("请填写决议名称。", Render(resolution.Single(f => f.Field == "Title"), Chinese.Value));
        Assert.StartsWith("决议内容不能超过", Render(resolution.Single(f => f.Field == "Content"), Chinese.Value), StringComparison.Ordinal);
        Assert.Equal("请填写进展情况。", Render(MeetingInputRules.ValidateProgress(50, "").Single(), Chinese.Value));
        Assert.Equal("Progress report is required.", Render(MeetingInputRules.ValidateProgress(50, "").Single(), English.Value));
        Assert.Equal("请填写会议名称。", Render(MeetingInputRules.Validate(new MeetingInput { Place = "x", ScheduledAt = DateTimeOffset.UnixEpoch }).Single(), Chinese.Value));
    }

    /// <summary>
    /// The messages handlers raise directly (not through a rule above): every key written literally where a failure or
    /// a portal exception is made, in any source file of the portal, must be in both tables.
    /// </summary>
    [Fact]
    public void The_verification_toast_says_fulfilment_only_for_an_activity_linked_to_a_commitment()
    {
        var linked = Web.Features.Activities.ActivityRules.VerifiedMessageKey(Guid.NewGuid());
        var unlinked = Web.Features.Activities.ActivityRules.VerifiedMessageKey(null);
        Assert.Contains("协议履行", Chinese.Value[linked], StringComparison.Ordinal);
        Assert.DoesNotContain("协议履行", Chinese.Value[unlinked], StringComparison.Ordinal);
        Assert.DoesNotContain("agreement", English.Value[unlinked], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_message_key_written_in_the_source_is_in_both_languages()
    {
        var source = Path.Combine(Root.Value, "src", "CommunityPartyBuilding.Web");
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var missing = new List<string>();
        var found = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match match in MessageSite().Matches(text))
            {
                foreach (var key in Literals(text, match.Index + match.Length - 1).Where(LooksLikeKey))
                {
                    found++;
                    if (!Chinese.Value.ContainsKey(key) || !English.Value.ContainsKey(key))
                    {
                        missing.Add($"{Path.GetRelativePath(source, file)}: {key}");
                    }
                }
            }
        }

        Assert.True(found > 200, $"only {found} message keys found: the scan no longer sees the source");
        Assert.Empty(missing);
    }

    /// <summary>Where messages are made: <c>new ValidationFailure(</c>, a target-typed <c>new(field, "Key"…</c>, <c>new Portal…Exception(</c>.</summary>
    [GeneratedRegex(@"new\s+ValidationFailure\s*\(|new\s*\(\s*(?:nameof\([^()]*\)|""[^""]*""|\w+)\s*,\s*(?="")|new\s+Portal\w*Exception\s*\(")]
    private static partial Regex MessageSite();

    /// <summary>The string literals inside the parentheses that open at or before <paramref name="start"/>, up to the matching one.</summary>
    private static IEnumerable<string> Literals(string text, int start)
    {
        var open = text.LastIndexOf('(', start);
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    yield break;
                }

                yield return text[(i + 1)..end];
                i = end;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                yield break;
            }
        }
    }
}
