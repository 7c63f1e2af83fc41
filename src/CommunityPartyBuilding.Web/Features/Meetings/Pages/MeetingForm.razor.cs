using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Meetings.Pages;

public partial class MeetingForm
{
    private MeetingKind kind = MeetingKind.JointMeeting;
    private string? title;
    private DateTime? date;
    private TimeSpan? time = new(14, 30, 0);
    private string? place;
    private string? convener;
    private string? agenda;
    private string? sittingIn;
    private bool busy;

    /// <summary>The meeting being changed; null to schedule a new one (a week from today at 14:30).</summary>
    [Parameter]
    public MeetingDetail? Meeting { get; set; }

    /// <summary>Called with what was entered; the page saves it and sets <see cref="Errors"/> when it is refused.</summary>
    [Parameter, EditorRequired]
    public EventCallback<MeetingInput> Save { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    /// <summary>Field errors by input name, set by the page after a refused save.</summary>
    [Parameter]
    public Dictionary<string, string> Errors { get; set; } = [];

    [Parameter]
    public string? Note { get; set; }

    /// <summary>Recording a meeting that already took place: the date starts at yesterday.</summary>
    [Parameter]
    public bool Past { get; set; }

    protected override void OnInitialized()
    {
        if (Meeting is { } m)
        {
            var local = Calendar.ToLocal(m.ScheduledAt);
            kind = m.Kind;
            title = m.Title;
            date = local.Date;
            time = local.TimeOfDay;
            place = m.Place;
            convener = m.Convener;
            agenda = string.Join('\n', m.Agenda);
            sittingIn = string.Join('\n', m.SittingIn);
        }
        else
        {
            date = Calendar.Today.AddDays(Past ? -1 : 7).ToDateTime(TimeOnly.MinValue);
        }
    }

    private async Task SubmitAsync()
    {
        busy = true;
        try
        {
            await Save.InvokeAsync(new MeetingInput
            {
                Kind = kind,
                Title = title ?? "",
                ScheduledAt = date is { } d ? Calendar.StartOfDay(DateOnly.FromDateTime(d)) + (time ?? TimeSpan.Zero) : default,
                Place = place,
                Convener = convener,
                Agenda = (agenda ?? "").Split('\n'),
                SittingIn = (sittingIn ?? "").Split('\n'),
            });
        }
        finally
        {
            busy = false;
        }
    }
}
